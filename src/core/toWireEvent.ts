import type { EventInput, WireEvent } from './types';

/**
 * Turns a valid `EventInput` into its wire form: `sentAt` as epoch seconds (a Date or epoch milliseconds in),
 * `properties` as a JSON string, absent fields left out.
 */
export function toWireEvent(input: EventInput, eventId: string, nowMs: number): WireEvent {
  const { sentAt = nowMs, properties, impression, metricAttribution } = input;
  const event: Partial<Record<keyof WireEvent, unknown>> = {
    eventId,
    eventType: input.eventType,
    // A Date converts to its epoch milliseconds.
    sentAt: +sentAt / 1000,
    itemId: input.itemId,
    eventValue: input.eventValue,
    // JSON.stringify(undefined) is undefined: an absent `properties` stays absent.
    properties: typeof properties === 'string' ? properties : JSON.stringify(properties),
    impression: impression && [...impression],
    recommendationId: input.recommendationId,
    metricAttribution: metricAttribution && { eventAttributionSource: metricAttribution.eventAttributionSource },
  };
  // Absent fields are left out, not set to undefined.
  for (const key in event) if (event[key as keyof WireEvent] === undefined) delete event[key as keyof WireEvent];
  return event as WireEvent;
}

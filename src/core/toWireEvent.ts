import type { EventInput, WireEvent } from './types';

/**
 * Turns a valid `EventInput` into its wire form: `sentAt` as epoch seconds (a Date or epoch milliseconds in),
 * `properties` as a JSON string, absent fields left out.
 */
export function toWireEvent(input: EventInput, eventId: string, nowMs: number): WireEvent {
  // A Date (of any realm) or epoch milliseconds: `+` gives the milliseconds of either.
  const sentAtMs = input.sentAt === undefined ? nowMs : +input.sentAt;
  const event: WireEvent = { eventId, eventType: input.eventType, sentAt: sentAtMs / 1000 };
  if (input.itemId !== undefined) event.itemId = input.itemId;
  if (input.eventValue !== undefined) event.eventValue = input.eventValue;
  if (input.properties !== undefined) {
    event.properties = typeof input.properties === 'string' ? input.properties : JSON.stringify(input.properties);
  }
  if (input.impression !== undefined) event.impression = [...input.impression];
  if (input.recommendationId !== undefined) event.recommendationId = input.recommendationId;
  if (input.metricAttribution !== undefined) {
    event.metricAttribution = { eventAttributionSource: input.metricAttribution.eventAttributionSource };
  }
  return event;
}

import type { EventInput, WireEvent } from './types';

/**
 * Turns a valid `EventInput` into its wire form: `sentAt` as epoch seconds (a Date or epoch milliseconds in),
 * `properties` as a JSON string, absent fields left out. The result shares nothing with the input, so the app may
 * reuse or change its object afterwards.
 */
export function toWireEvent(input: EventInput, eventId: string, nowMs: number): WireEvent {
  const { sentAt = nowMs, properties } = input;
  return JSON.parse(
    JSON.stringify({
      ...input,
      eventId,
      sentAt: +sentAt / 1000,
      properties: typeof properties === 'object' ? JSON.stringify(properties) : properties,
    }),
  );
}

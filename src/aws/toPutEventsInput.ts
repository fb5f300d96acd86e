import type { PutEventsCommandInput } from '@aws-sdk/client-personalize-events';
import type { EventBatch } from '../core/types';

/**
 * Turns a wire batch into `PutEventsCommand` input: `sentAt` (epoch seconds) becomes a `Date`, which the SDK sends
 * back as epoch seconds; `properties` is already a JSON string and goes through unchanged.
 */
export function toPutEventsInput(trackingId: string, batch: EventBatch): PutEventsCommandInput {
  const input: PutEventsCommandInput = {
    trackingId,
    sessionId: batch.sessionId,
    eventList: batch.eventList.map((event) => ({
      ...event,
      // A Date holds whole milliseconds and truncates: round a finer fraction (from performance.now()) instead.
      sentAt: new Date(Math.round(event.sentAt * 1000)),
    })),
  };
  if (batch.userId !== undefined) input.userId = batch.userId;
  return input;
}

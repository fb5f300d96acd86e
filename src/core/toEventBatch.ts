import type { QueuedEvent } from './createQueueStore';
import type { EventBatch } from './types';

/** The batch of queued events of one session and user, as the transport takes it. */
export function toEventBatch(items: readonly QueuedEvent[]): EventBatch {
  const batch: EventBatch = { sessionId: items[0].sessionId, eventList: items.map((item) => item.event) };
  if (items[0].userId !== undefined) batch.userId = items[0].userId;
  return batch;
}

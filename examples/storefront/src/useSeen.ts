import { useEffect, useState } from 'react';
import { usePersonalize } from 'react-personalize';

/**
 * The event type the demo's lists record when `ImpressionTracker` counts an item as seen (its `viewEventType`).
 * Such an event is recorded at the moment the item joins the list's impression, so it is what the badge follows.
 */
export const SEEN_EVENT_TYPE = 'seen';

/** Whether the tracker has counted this item of this list as seen: its `viewEventType` event has been recorded. */
export function useSeen(itemId: string, recommendationId: string | undefined): boolean {
  const recorder = usePersonalize();
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    setSeen(false);
    return recorder.subscribe((activity) => {
      if (
        activity.type === 'recorded' &&
        activity.event.eventType === SEEN_EVENT_TYPE &&
        activity.event.itemId === itemId &&
        activity.event.recommendationId === recommendationId
      ) {
        setSeen(true);
      }
    });
  }, [recorder, itemId, recommendationId]);
  return seen;
}

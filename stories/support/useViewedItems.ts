import { useMemo } from 'react';
import { useActivityLog } from './ActivityLogContext';

/**
 * The itemIds for which an event of `viewEventType` was recorded: what ImpressionTracker counted as viewed (it
 * records one such event per item when `viewEventType` is set).
 */
export function useViewedItems(viewEventType: string | undefined): Set<string> {
  const { entries } = useActivityLog();
  return useMemo(() => {
    const viewed = new Set<string>();
    if (!viewEventType) return viewed;
    for (const entry of entries) {
      if (entry.type === 'recorded' && entry.event?.eventType === viewEventType && entry.event.itemId) {
        viewed.add(entry.event.itemId);
      }
    }
    return viewed;
  }, [entries, viewEventType]);
}

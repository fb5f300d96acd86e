'use client';
import { useContext, useRef, useState } from 'react';
import type { EventInput, RecordResult } from '../core/types';
import { ImpressionListContext } from './ImpressionListContext';
import { useRecorderContext } from './PersonalizeContext';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect';

function withDefaults(defaults: Partial<EventInput> | undefined, event: EventInput): EventInput {
  if (!defaults) return event;
  const merged: Record<string, unknown> = { ...defaults };
  // `{ eventValue: undefined }` means "not given", so it does not erase a default.
  for (const [key, value] of Object.entries(event)) if (value !== undefined) merged[key] = value;
  return merged as unknown as EventInput;
}

/**
 * Returns a function that records an event through the nearest `PersonalizeProvider`'s recorder. Its identity never
 * changes (safe in dependency arrays and memoised children), it re-renders nothing, and it reads the latest
 * `defaults` and tracker when called. Inside an `ImpressionTracker`, an event whose `itemId` is one of the tracker's
 * `itemIds` gets the tracker's `recommendationId` and an `impression` (the list's items seen so far, in list order,
 * at most 25, always with the event's own item) unless the event sets them. Call it from event handlers or effects,
 * never during render.
 * @example
 * function Card({ item }: { item: { itemId: string } }) {
 *   const track = useTrackEvent({ properties: { surface: 'home' } });
 *   return <button onClick={() => track({ eventType: 'click', itemId: item.itemId })}>Open</button>;
 * }
 */
export function useTrackEvent(defaults?: Partial<EventInput>): (event: EventInput) => RecordResult {
  const recorder = useRecorderContext('useTrackEvent()');
  const list = useContext(ImpressionListContext);
  const latest = useRef({ recorder, list, defaults });
  useIsomorphicLayoutEffect(() => {
    latest.current = { recorder, list, defaults };
  }, [recorder, list, defaults]);
  const [track] = useState(() => (event: EventInput): RecordResult => {
    const current = latest.current;
    // record() reports malformed input itself (it never throws); only well-formed events are merged and linked.
    if (typeof event !== 'object' || event === null) return current.recorder.record(event);
    const merged = withDefaults(current.defaults, event);
    return current.recorder.record(current.list ? current.list.link(merged) : merged);
  });
  return track;
}

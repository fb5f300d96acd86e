'use client';
import { useCallback, useSyncExternalStore } from 'react';
import type { RecorderSnapshot } from '../core/types';
import { useRecorderContext } from './PersonalizeContext';

/**
 * The recorder's state — `{ sessionId, userId, queued, inFlight, sent, failed, enabled }` — kept current through
 * `useSyncExternalStore`. The component re-renders only when the snapshot changes (the recorder emits
 * `{ type: 'changed' }`), never for other activity. On the server and during hydration it reads the same recorder,
 * so render only fields the server's recorder agrees on (counts, `enabled`), not the generated `sessionId`.
 * @example
 * function Outbox() {
 *   const { queued, inFlight } = usePersonalizeState();
 *   return <span>{queued + inFlight} event(s) waiting</span>;
 * }
 */
export function usePersonalizeState(): RecorderSnapshot {
  const recorder = useRecorderContext('usePersonalizeState()');
  const subscribe = useCallback(
    (onChange: () => void) =>
      recorder.subscribe((activity) => {
        if (activity.type === 'changed') onChange();
      }),
    [recorder],
  );
  const getSnapshot = useCallback(() => recorder.getSnapshot(), [recorder]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

'use client';
import { useCallback, useSyncExternalStore } from 'react';
import type { RecorderSnapshot } from '../core/types';
import { useRecorderContext } from './PersonalizeContext';

/** The server's view of each snapshot (one object per snapshot, as useSyncExternalStore needs). */
const serverSnapshots = new WeakMap<RecorderSnapshot, RecorderSnapshot>();

/**
 * What the server rendered: counts of zero, as a server's recorder records nothing. Hydration must see the same,
 * although the browser's recorder may already hold events it restored from storage or recorded before hydration.
 */
function toServerSnapshot(snapshot: RecorderSnapshot): RecorderSnapshot {
  let server = serverSnapshots.get(snapshot);
  if (!server) {
    server = { ...snapshot, queued: 0, inFlight: 0, sent: 0, failed: 0 };
    serverSnapshots.set(snapshot, server);
  }
  return server;
}

/**
 * The recorder's state — `{ sessionId, userId, queued, inFlight, sent, failed, enabled }` — kept current through
 * `useSyncExternalStore`. The component re-renders only when the snapshot changes (the recorder emits
 * `{ type: 'changed' }`), never for other activity. On the server and during hydration the counts are zero (what
 * a server's recorder has), and the real ones follow right after hydration; do not render the generated `sessionId`.
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
  const getServerSnapshot = useCallback(() => toServerSnapshot(recorder.getSnapshot()), [recorder]);
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}

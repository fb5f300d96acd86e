'use client';
import { useCallback, useRef, useSyncExternalStore } from 'react';
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

/** The last selection: from which snapshot, by which selector, and the value. */
interface Selection<T> {
  snapshot: RecorderSnapshot;
  select: (snapshot: RecorderSnapshot) => T;
  value: T;
}

/**
 * `select(snapshot)`, computed once per snapshot and selector, and the previous value kept while equal to it
 * (`Object.is`): the same value back means no re-render, and a selector that builds a new object or array for the
 * same snapshot does not loop.
 */
function selectFrom<T>(
  last: { current: Selection<T> | undefined },
  snapshot: RecorderSnapshot,
  select: (snapshot: RecorderSnapshot) => T,
): T {
  const previous = last.current;
  if (previous?.snapshot === snapshot && previous.select === select) return previous.value;
  const value = select(snapshot);
  const kept = previous && Object.is(previous.value, value) ? previous.value : value;
  last.current = { snapshot, select, value: kept };
  return kept;
}

const wholeSnapshot = (snapshot: RecorderSnapshot) => snapshot;

/**
 * The recorder's state — `{ sessionId, userId, queued, inFlight, sent, failed, enabled }` — or the slice of it that
 * `selector` picks, kept current through `useSyncExternalStore` over `recorder.subscribeState`. The component re-renders only when what it reads
 * changes: the whole snapshot without a selector, the selected value (compared with `Object.is`) with one. Pick a
 * single value, or build a new object only from values, as each changed snapshot calls the selector again. On the
 * server and during hydration the counts are zero (what a server's recorder has), and the real ones follow right
 * after hydration; do not render the generated `sessionId`.
 * @example
 * function Outbox() {
 *   const waiting = usePersonalizeState((s) => s.queued + s.inFlight);
 *   return <span>{waiting} event(s) waiting</span>;
 * }
 */
export function usePersonalizeState(): RecorderSnapshot;
export function usePersonalizeState<T>(selector: (snapshot: RecorderSnapshot) => T): T;
export function usePersonalizeState<T>(selector?: (snapshot: RecorderSnapshot) => T): T | RecorderSnapshot {
  const recorder = useRecorderContext('usePersonalizeState()');
  // This render's selector (one that reads props sees this render's props); an inline one re-subscribes nothing.
  const select = (selector ?? wholeSnapshot) as (snapshot: RecorderSnapshot) => unknown;
  const client = useRef<Selection<unknown> | undefined>(undefined);
  const server = useRef<Selection<unknown> | undefined>(undefined);
  const subscribe = useCallback((onChange: () => void) => recorder.subscribeState(onChange), [recorder]);
  const getSnapshot = () => selectFrom(client, recorder.getSnapshot(), select);
  const getServerSnapshot = () => selectFrom(server, toServerSnapshot(recorder.getSnapshot()), select);
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot) as T | RecorderSnapshot;
}

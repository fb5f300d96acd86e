'use client';
import { useState, useSyncExternalStore } from 'react';
import {
  createRecorderInspector,
  type RecorderInspector,
  type RecorderInspectorSnapshot,
} from '../core/createRecorderInspector';
import type { Recorder } from '../core/types';
import { useIsomorphicLayoutEffect } from '../react/useIsomorphicLayoutEffect';

/**
 * An inspector of `recorder`, made once per recorder and connected from a layout effect: it runs before the passive
 * effects of the whole tree, so the events the app records in its mount effects are listed too.
 */
export function useRecorderInspector(recorder: Recorder): RecorderInspector {
  const [made, setMade] = useState(() => ({ recorder, inspector: createRecorderInspector(recorder) }));
  let current = made;
  if (made.recorder !== recorder) {
    current = { recorder, inspector: createRecorderInspector(recorder) };
    setMade(current);
  }
  const { inspector } = current;
  useIsomorphicLayoutEffect(() => inspector.connect(), [inspector]);
  return inspector;
}

/** The inspector's snapshot, kept current. */
export function useInspectorSnapshot(inspector: RecorderInspector): RecorderInspectorSnapshot {
  return useSyncExternalStore(inspector.subscribe, inspector.getSnapshot, inspector.getSnapshot);
}

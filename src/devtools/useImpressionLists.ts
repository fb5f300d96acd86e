'use client';
import { useSyncExternalStore } from 'react';
import type { Recorder } from '../core/types';
import type { ImpressionListState } from '../react/ImpressionListState';
import { inspectImpressionLists } from '../react/inspectImpressionLists';

/** The mounted impression lists of `recorder`, kept current. */
export function useImpressionLists(recorder: Recorder): readonly ImpressionListState[] {
  const lists = inspectImpressionLists(recorder);
  return useSyncExternalStore(lists.subscribe, lists.getSnapshot, lists.getSnapshot);
}

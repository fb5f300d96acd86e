'use client';
import type { Recorder } from '../core/types';
import type { ImpressionListInternals } from './createImpressionList';
import type { ImpressionListState } from './ImpressionListState';
import { toImpressionListState } from './toImpressionListState';

/** A mounted impression list as the registry holds it. */
interface RegisteredList {
  peek(): ImpressionListInternals;
}

/** The mounted impression lists of one recorder, for devtools and other inspection tools. */
export interface ImpressionListsInspector {
  /** Calls `listener` whenever a list mounts, unmounts or changes (an item's visibility, dwell or seen state). */
  subscribe(listener: () => void): () => void;
  /** Every mounted list of the recorder, in mount order; the same array until something changes. */
  getSnapshot(): readonly ImpressionListState[];
}

/** Every connected impression list of the page (of every recorder); internal, kept small: every app ships it. */
export const connectedLists = new Set<RegisteredList>();

/** The inspectors' listeners, told of every change of any connected list. */
const listeners = new Set<() => void>();

/** Counts the changes of every connected list: a snapshot stays valid while it is the same. */
let version = 0;

/** Tells the inspectors that a list connected, disconnected or changed; internal, called by the lists. */
export const impressionListsChanged = () => {
  version++;
  for (const listener of [...listeners]) listener();
};

/** The inspector of each recorder's lists, made on first use (only devtools make them). */
const inspectors = new WeakMap<Recorder, ImpressionListsInspector>();

/**
 * The mounted `ImpressionTracker`s of `recorder` (those inside its `PersonalizeProvider`), each with its
 * recommendationId, items and per-item state: seen, dwelling (with start and due times) or why not seen yet
 * (`below-threshold`, `dwell-not-reached`, `tab-hidden`, `no-element`). Framework-free, with `subscribe` /
 * `getSnapshot` for `useSyncExternalStore`. Lists cost nothing to inspect while nobody subscribes.
 * @example
 * const lists = inspectImpressionLists(recorder);
 * const shown = () => lists.getSnapshot().map((list) => list.recommendationId);
 * const unsubscribe = lists.subscribe(() => report(shown()));
 */
export function inspectImpressionLists(recorder: Recorder): ImpressionListsInspector {
  const inspector = inspectors.get(recorder) ?? createInspector(recorder);
  inspectors.set(recorder, inspector);
  return inspector;
}

function createInspector(recorder: Recorder): ImpressionListsInspector {
  let snapshot: readonly ImpressionListState[] = [];
  /** The change count `snapshot` was made at. */
  let snapshotVersion = -1;
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot() {
      if (snapshotVersion === version) return snapshot;
      const fresh: ImpressionListState[] = [];
      for (const list of connectedLists) {
        const internals = list.peek();
        if (internals.config.recorder === recorder) fresh.push(toImpressionListState(internals));
      }
      snapshot = fresh;
      snapshotVersion = version;
      return snapshot;
    },
  };
}

'use client';
import type { Recorder } from '../core/types';
import type { ImpressionListState } from './ImpressionListState';

/** A mounted impression list as the registry sees it. */
interface InspectableList {
  inspect(): ImpressionListState;
}

/** The mounted impression lists of one recorder, for devtools and other inspection tools. */
export interface ImpressionListsInspector {
  /** Calls `listener` whenever a list mounts, unmounts or changes (an item's visibility, dwell or seen state). */
  subscribe(listener: () => void): () => void;
  /** Every mounted list of the recorder, in mount order; the same array until something changes. */
  getSnapshot(): readonly ImpressionListState[];
}

interface Registry extends ImpressionListsInspector {
  lists: Set<InspectableList>;
  changed(): void;
}

const registries = new WeakMap<Recorder, Registry>();

function registryOf(recorder: Recorder): Registry {
  let registry = registries.get(recorder);
  if (registry) return registry;
  const lists = new Set<InspectableList>();
  const listeners = new Set<() => void>();
  let snapshot: readonly ImpressionListState[] | undefined;
  registry = {
    lists,
    changed() {
      // Nobody listens (production): nothing is computed.
      if (!listeners.size && !snapshot) return;
      snapshot = undefined;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot() {
      snapshot ??= [...lists].map((list) => list.inspect());
      return snapshot;
    },
  };
  registries.set(recorder, registry);
  return registry;
}

/**
 * Lists `list` among the mounted impression lists of `recorder`; internal, called by a list when it connects.
 * Returns how to tell the registry of a change and how to leave it.
 */
export function registerImpressionList(
  recorder: Recorder,
  list: InspectableList,
): { changed(): void; unregister(): void } {
  const registry = registryOf(recorder);
  registry.lists.add(list);
  registry.changed();
  return {
    changed: registry.changed,
    unregister() {
      if (registry.lists.delete(list)) registry.changed();
    },
  };
}

/**
 * The mounted `ImpressionTracker`s of `recorder` (those inside its `PersonalizeProvider`), each with its
 * recommendationId, items and per-item state: seen, dwelling (with start and due times) or why not seen yet
 * (`below-threshold`, `dwell-not-reached`, `tab-hidden`, `no-element`). Framework-free, with `subscribe` /
 * `getSnapshot` for `useSyncExternalStore`. Nothing is computed while nobody subscribes.
 * @example
 * const lists = inspectImpressionLists(recorder);
 * lists.subscribe(() => console.log(lists.getSnapshot().map((list) => list.recommendationId)));
 */
export function inspectImpressionLists(recorder: Recorder): ImpressionListsInspector {
  const { subscribe, getSnapshot } = registryOf(recorder);
  return { subscribe, getSnapshot };
}

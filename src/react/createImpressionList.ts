'use client';
import type { EventInput, Recorder } from '../core/types';
import { observeIntersection } from './observeIntersection';
import { selectImpression } from './selectImpression';

/** What an `ImpressionTracker` tells its list on every commit. */
export interface ImpressionListConfig {
  /** Where view events go. */
  recorder: Recorder;
  /** The recommendation the items came from; a change starts counting afresh. */
  recommendationId: string | undefined;
  /** The list's items in the order shown. */
  itemIds: readonly string[];
  /** Share of an element (0–1) that must be on screen. */
  threshold: number;
  /** How long that share must stay on screen without a break, in ms. */
  minDwellMs: number;
  /** Event type recorded once per seen item, if any. */
  viewEventType: string | undefined;
}

/** The viewability and linking state of one mounted `ImpressionTracker`; framework-free, driven by React. */
export interface ImpressionList {
  /** Takes the tracker's latest props (called after each commit). A new recommendationId starts afresh. */
  configure(config: ImpressionListConfig): void;
  /** Starts watching (observers, dwell clocks, tab visibility); returns the function that stops. */
  connect(): () => void;
  /** Marks `element` as showing `itemId`; returns the function that forgets it. */
  register(itemId: string, element: Element): () => void;
  /** The tracker's own element, which stands for every item that has no element of its own. */
  setContainer(element: Element | null): void;
  /** Fills `recommendationId` and `impression` of an event for one of the list's items, unless already set. */
  link(event: EventInput): EventInput;
}

/** One element being watched: an item's, or the tracker's own (`itemId` undefined). */
interface Watched {
  itemId: string | undefined;
  element: Element;
  stopObserving: (() => void) | undefined;
  /** The dwell clock running for it, if any. */
  dwell: Dwell | undefined;
}

/** Elements that came into view at the same moment share one timer. */
interface Dwell {
  timer: ReturnType<typeof setTimeout>;
  startedAt: number;
  members: Set<Watched>;
}

const sameItems = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((itemId, at) => itemId === b[at]);

const pageHidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

/**
 * Creates the state of one impression list. Creating it touches no browser API (it is made during render); the
 * browser is reached only from `connect()` and `register()`, which run in effects and ref callbacks.
 *
 * Viewability: an element is seen once at least `threshold` of it has been on screen for `minDwellMs` without a
 * break while the tab is visible. Leaving the screen or the tab being hidden is a break: the clock starts again at
 * zero. Items that never had an element of their own are seen when the tracker's element is.
 */
export function createImpressionList(initial: ImpressionListConfig): ImpressionList {
  let config = initial;
  let positions = new Map<string, number>();
  const indexItems = () => {
    positions = new Map();
    config.itemIds.forEach((itemId, at) => {
      if (!positions.has(itemId)) positions.set(itemId, at);
    });
  };
  indexItems();

  const watchedByItem = new Map<string, Set<Watched>>();
  /** Items that have had an element registered in this list: they are judged by their own elements only. */
  const everRegistered = new Set<string>();
  let container: Watched | undefined;
  let containerSeen = false;
  /** Items seen for the current recommendationId (sticky: scrolling away does not undo it). */
  const seen = new Set<string>();
  /** Items whose view event has been recorded for the current recommendationId. */
  const viewRecorded = new Set<string>();
  /** Watched elements on which at least the threshold is on screen, as last reported. */
  const intersecting = new Set<Watched>();
  let connected = false;
  let hidden = false;
  let openDwell: Dwell | undefined;

  const isSeen = (watched: Watched) => (watched.itemId === undefined ? containerSeen : seen.has(watched.itemId));

  const recordView = (itemId: string) => {
    if (!config.viewEventType || viewRecorded.has(itemId) || !positions.has(itemId)) return;
    viewRecorded.add(itemId);
    const event: EventInput = { eventType: config.viewEventType, itemId };
    if (config.recommendationId !== undefined) event.recommendationId = config.recommendationId;
    config.recorder.record(event);
  };

  const markItemSeen = (itemId: string) => {
    if (seen.has(itemId)) return;
    seen.add(itemId);
    for (const watched of watchedByItem.get(itemId) ?? []) stopWatching(watched);
    recordView(itemId);
  };

  const markContainerSeen = () => {
    if (containerSeen) return;
    containerSeen = true;
    if (container) stopWatching(container);
    for (const itemId of config.itemIds) if (!everRegistered.has(itemId)) markItemSeen(itemId);
  };

  const markSeen = (watched: Watched) => {
    if (watched.itemId === undefined) markContainerSeen();
    else markItemSeen(watched.itemId);
  };

  const stopDwell = (watched: Watched) => {
    const dwell = watched.dwell;
    if (!dwell) return;
    watched.dwell = undefined;
    dwell.members.delete(watched);
    if (dwell.members.size === 0) {
      clearTimeout(dwell.timer);
      if (openDwell === dwell) openDwell = undefined;
    }
  };

  const startDwell = (watched: Watched) => {
    if (watched.dwell || hidden || !connected || isSeen(watched)) return;
    if (config.minDwellMs <= 0) {
      markSeen(watched);
      return;
    }
    // Elements reported in one observer callback start together: one timer for all of them, not one each.
    const now = Date.now();
    if (!openDwell || openDwell.startedAt !== now) {
      const dwell: Dwell = {
        startedAt: now,
        members: new Set(),
        timer: setTimeout(() => {
          if (openDwell === dwell) openDwell = undefined;
          const members = [...dwell.members];
          dwell.members.clear();
          for (const member of members) {
            member.dwell = undefined;
            markSeen(member);
          }
        }, config.minDwellMs),
      };
      openDwell = dwell;
      void Promise.resolve().then(() => {
        if (openDwell === dwell) openDwell = undefined;
      });
    }
    openDwell.members.add(watched);
    watched.dwell = openDwell;
  };

  const onIntersection = (watched: Watched) => (visible: boolean) => {
    if (visible) {
      intersecting.add(watched);
      startDwell(watched);
    } else {
      intersecting.delete(watched);
      stopDwell(watched);
    }
  };

  const startWatching = (watched: Watched) => {
    if (!connected || watched.stopObserving || isSeen(watched)) return;
    watched.stopObserving = observeIntersection(watched.element, config.threshold, onIntersection(watched));
  };

  function stopWatching(watched: Watched) {
    stopDwell(watched);
    watched.stopObserving?.();
    watched.stopObserving = undefined;
    intersecting.delete(watched);
  }

  const everyWatched = (): Watched[] => {
    const all: Watched[] = [];
    for (const set of watchedByItem.values()) for (const watched of set) all.push(watched);
    if (container) all.push(container);
    return all;
  };

  const onVisibilityChange = () => {
    hidden = pageHidden();
    for (const watched of intersecting) (hidden ? stopDwell : startDwell)(watched);
  };

  const startAfresh = () => {
    seen.clear();
    viewRecorded.clear();
    containerSeen = false;
    for (const watched of everyWatched()) {
      // Still on screen: a new recommendation must be looked at for the full dwell again.
      stopDwell(watched);
      if (watched.stopObserving) {
        if (intersecting.has(watched)) startDwell(watched);
      } else startWatching(watched);
    }
  };

  return {
    configure(next) {
      const previous = config;
      config = next;
      const itemsChanged = !sameItems(previous.itemIds, next.itemIds);
      if (itemsChanged) indexItems();
      if (next.threshold !== previous.threshold && connected) {
        for (const watched of everyWatched()) {
          if (!watched.stopObserving) continue;
          stopWatching(watched);
          startWatching(watched);
        }
      }
      if (next.recommendationId !== previous.recommendationId) {
        startAfresh();
        return;
      }
      if (itemsChanged && containerSeen) {
        for (const itemId of next.itemIds) if (!everRegistered.has(itemId)) markItemSeen(itemId);
      }
      if (next.viewEventType && (itemsChanged || next.viewEventType !== previous.viewEventType)) {
        for (const itemId of seen) recordView(itemId);
      }
    },

    connect() {
      connected = true;
      hidden = pageHidden();
      if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibilityChange);
      for (const watched of everyWatched()) startWatching(watched);
      return () => {
        if (!connected) return;
        connected = false;
        if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibilityChange);
        for (const watched of everyWatched()) stopWatching(watched);
      };
    },

    register(itemId, element) {
      const watched: Watched = { itemId, element, stopObserving: undefined, dwell: undefined };
      let set = watchedByItem.get(itemId);
      if (!set) {
        set = new Set();
        watchedByItem.set(itemId, set);
      }
      set.add(watched);
      everRegistered.add(itemId);
      startWatching(watched);
      return () => {
        stopWatching(watched);
        const current = watchedByItem.get(itemId);
        current?.delete(watched);
        if (current?.size === 0) watchedByItem.delete(itemId);
      };
    },

    setContainer(element) {
      if (container?.element === element) return;
      if (container) stopWatching(container);
      container = element ? { itemId: undefined, element, stopObserving: undefined, dwell: undefined } : undefined;
      if (container) startWatching(container);
    },

    link(event) {
      const itemId = event.itemId;
      if (itemId === undefined) return event;
      const position = positions.get(itemId);
      if (position === undefined) return event;
      const linked: EventInput = { ...event };
      if (linked.recommendationId === undefined && config.recommendationId !== undefined) {
        linked.recommendationId = config.recommendationId;
      }
      if (linked.impression === undefined) {
        linked.impression = selectImpression(config.itemIds, position, (id) => seen.has(id));
      }
      return linked;
    },
  };
}

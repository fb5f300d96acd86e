'use client';
import { isValidString } from '../core/isValidString';
import { MAX_RECOMMENDATION_ID } from '../core/limits';
import type { EventInput, Recorder, Timers } from '../core/types';
import { connectedLists, impressionListsChanged } from './inspectImpressionLists';
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
  /** The list of the tracker this one is nested in: it links events for items this list does not hold. */
  parent?: ImpressionList | null | undefined;
  /**
   * Timers the dwell clocks run on, looked up at each use and called as plain functions; `ImpressionTracker` passes
   * its recorder's (`recorder.clock`). @default globalThis's setTimeout and clearTimeout
   */
  timers?: Timers | undefined;
  /**
   * Clock in epoch ms (dwell start and due times); `ImpressionTracker` passes its recorder's (`recorder.clock`).
   * @default Date.now, looked up at each call
   */
  now?: (() => number) | undefined;
}

/** The viewability and linking state of one mounted `ImpressionTracker`; framework-free, driven by React. */
export interface ImpressionList {
  /** Takes the tracker's latest props (called after each commit). A new recommendationId starts afresh. */
  configure(config: ImpressionListConfig): void;
  /** Starts watching (observers, dwell clocks, tab visibility); returns the function that stops. */
  connect(): () => void;
  /**
   * A ref callback for the element that shows `itemId`, or with `itemId` undefined for the tracker's own element,
   * which stands for every item that never had an element of its own. Each call forgets the element of the last one.
   */
  elementRef(itemId: string | undefined): (element: Element | null) => void;
  /**
   * Fills `recommendationId` and `impression` of an event for one of the list's items, unless already set; an event
   * for another item goes to the tracker this one is nested in.
   */
  link(event: EventInput): EventInput;
  /** The list's internal state, read (never changed) by `inspectImpressionLists`, which does the describing. */
  peek(): ImpressionListInternals;
}

/** What `peek()` gives: the live internal state, for inspection tools to read. */
export interface ImpressionListInternals {
  /** The latest props. */
  config: ImpressionListConfig;
  /** The registered elements of each item (key undefined: the tracker's own). */
  watchedByItem: ReadonlyMap<string | undefined, ReadonlySet<Watched>>;
  /** Items seen for the current recommendationId (undefined: the tracker's own element). */
  seen: ReadonlySet<string | undefined>;
  /** The elements whose dwell clock runs now. */
  clocks: ReadonlyMap<Watched, unknown>;
  /** The list's clock. */
  now: () => number;
}

/** One element being watched: an item's, or the tracker's own (`itemId` undefined). */
export interface Watched {
  itemId: string | undefined;
  element: Element;
  stopObserving?: (() => void) | undefined;
  /** Whether at least the threshold of it is on screen, as last reported. */
  visible?: boolean | undefined;
  /** When its last dwell clock started (the list's clock); it runs while the element is among `clocks`. */
  dwellSince?: number | undefined;
}

type Timer = unknown;

const sameItems = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((itemId, at) => itemId === b[at]);

const pageHidden = () => globalThis.document?.visibilityState === 'hidden';

/**
 * Creates the state of one impression list. Creating it touches no browser API (it is made during render); the
 * browser is reached only from `connect()` and the callbacks of `elementRef()`, which run in effects and as refs.
 *
 * Viewability: an element is seen once at least `threshold` of it has been on screen for `minDwellMs` without a
 * break while the tab is visible. Leaving the screen or the tab being hidden is a break: the clock starts again at
 * zero. Items that never had an element of their own are seen when the tracker's element is.
 */
export function createImpressionList(initial: ImpressionListConfig): ImpressionList {
  let config = initial;
  const now = () => (config.now ?? Date.now)();
  // Looked up at each use (fake timers installed later apply) and called without `this` (Chromium needs the window's).
  const setTimer = (callback: () => void, ms: number): Timer => {
    const { setTimeout: schedule } = config.timers ?? globalThis;
    return schedule(callback, ms);
  };
  const clearTimer = (timer: Timer) => {
    const { clearTimeout: cancel } = config.timers ?? globalThis;
    cancel(timer as undefined);
  };
  /** Tells inspection tools of a change, while connected (only then is the list among `connectedLists`). */
  const changed = () => {
    if (connected) impressionListsChanged();
  };
  /** Each item's first position in the list (looked up with an optional itemId: undefined is never in it). */
  let positions: Map<string | undefined, number>;
  const indexItems = () => {
    // Reversed, so that the first occurrence of a repeated item is the one kept.
    positions = new Map(config.itemIds.map((itemId, at) => [itemId, at] as const).reverse());
  };
  indexItems();

  /**
   * The registered elements of each item (key undefined: the tracker's own). An item keeps its key once it has had
   * an element: from then on it is judged by its own elements only, not by the tracker's.
   */
  const watchedByItem = new Map<string | undefined, Set<Watched>>();
  /** Items seen for the current recommendationId (sticky: scrolling away does not undo it); undefined: the tracker. */
  const seen = new Set<string | undefined>();
  /**
   * Items whose view event has been recorded, per recommendationId: a list that goes back to an earlier one (a cached
   * query) records none of its views again.
   */
  const viewsRecorded = new Map<string | undefined, Set<string | undefined>>();
  /** The elements given to `elementRef` callbacks now, each with its way to move between this list and the parent's. */
  const routes = new Set<() => void>();
  /** The timer of each dwell clock now running. */
  const clocks = new Map<Watched, Timer>();
  /** The timer that clocks due at `openDue` join until the task ends: one timer for clocks started together. */
  let openTimer: Timer | undefined;
  let openDue: number | undefined;
  let connected = false;

  /**
   * The list's recommendationId when PutEvents would take it (1–40 characters): a bad one is left out rather than
   * make every linked click and view event invalid, and so lost.
   */
  const validRecommendationId = () =>
    isValidString(config.recommendationId, MAX_RECOMMENDATION_ID) ? config.recommendationId : undefined;

  /** Stops every dwell clock, timers included (an unmounted list must leave none behind). */
  const stopClocks = () => {
    for (const timer of new Set(clocks.values())) clearTimer(timer);
    clocks.clear();
    openTimer = undefined;
  };

  /** Stops one element's dwell clock, and its timer once no other clock shares it. */
  const stopClock = (watched: Watched) => {
    const timer = clocks.get(watched);
    if (!clocks.delete(watched)) return;
    for (const other of clocks.values()) if (other === timer) return;
    clearTimer(timer);
    if (openTimer === timer) openTimer = undefined;
  };

  const forEachWatched = (callback: (watched: Watched) => void) => {
    for (const set of watchedByItem.values()) set.forEach(callback);
  };

  /** Records the view event of a list item once; anything not in the list (the tracker's own undefined too) is skipped. */
  const recordView = (itemId: string | undefined) => {
    const { recommendationId, viewEventType } = config;
    if (!viewEventType || !positions.has(itemId)) return;
    const recorded = viewsRecorded.get(recommendationId) ?? new Set();
    viewsRecorded.set(recommendationId, recorded);
    if (recorded.has(itemId)) return;
    recorded.add(itemId);
    config.recorder.record({ eventType: viewEventType, itemId, recommendationId: validRecommendationId() });
  };

  const markUnregisteredSeen = () => {
    for (const itemId of config.itemIds) if (!watchedByItem.has(itemId)) markSeen(itemId);
  };

  function markSeen(itemId: string | undefined) {
    if (seen.has(itemId)) return;
    seen.add(itemId);
    watchedByItem.get(itemId)?.forEach(stopWatching);
    if (itemId === undefined) markUnregisteredSeen();
    else recordView(itemId);
  }

  const startDwell = (watched: Watched) => {
    if (!watched.visible || clocks.has(watched) || seen.has(watched.itemId) || pageHidden()) return;
    if (config.minDwellMs <= 0) return markSeen(watched.itemId);
    // Elements reported in one observer callback start together: one timer for all of them, not one each. A timer
    // takes the clocks due at its time that start in the same task (not later ones: Date.now may stand still); a
    // stopped clock just leaves the map, and its timer finds it gone.
    const started = now();
    const due = started + config.minDwellMs;
    if (!openTimer || openDue !== due) {
      const timer = setTimer(() => {
        for (const [member, memberTimer] of clocks) if (memberTimer === timer) markSeen(member.itemId);
        changed();
      }, config.minDwellMs);
      openTimer = timer;
      openDue = due;
      void Promise.resolve().then(() => {
        if (openTimer === timer) openTimer = undefined;
      });
    }
    clocks.set(watched, openTimer);
    watched.dwellSince = started;
  };

  const startWatching = (watched: Watched) => {
    if (!connected || watched.stopObserving || seen.has(watched.itemId)) return;
    watched.stopObserving = observeIntersection(watched.element, config.threshold, (visible) => {
      watched.visible = visible;
      if (visible) startDwell(watched);
      else stopClock(watched);
      changed();
    });
    // Seen by the observer's first call, made before it returned (an element already on screen for another list,
    // with minDwellMs 0): stopWatching found nothing to stop then.
    if (seen.has(watched.itemId)) stopWatching(watched);
  };

  function stopWatching(watched: Watched) {
    stopClock(watched);
    watched.visible = false;
    watched.stopObserving?.();
    watched.stopObserving = undefined;
  }

  const onVisibilityChange = () => {
    if (pageHidden()) stopClocks();
    else forEachWatched(startDwell);
    changed();
  };

  /** Applies the tracker's new props (`configure`'s work). */
  const reconfigure = (previous: ImpressionListConfig, next: ImpressionListConfig) => {
    const itemsChanged = !sameItems(previous.itemIds, next.itemIds);
    if (itemsChanged) {
      indexItems();
      routes.forEach((reroute) => reroute());
    }
    if (next.threshold !== previous.threshold) {
      // Seen elements stay unobserved: startWatching skips them.
      forEachWatched((watched) => {
        stopWatching(watched);
        startWatching(watched);
      });
    }
    if (next.recommendationId !== previous.recommendationId) {
      seen.clear();
      // Still on screen: a new recommendation must be looked at for the full dwell again.
      stopClocks();
      forEachWatched((watched) => {
        startWatching(watched);
        startDwell(watched);
      });
      return;
    }
    if (next.minDwellMs !== previous.minDwellMs) {
      // Clocks running count to the new dwell, from now.
      stopClocks();
      forEachWatched(startDwell);
    }
    if (itemsChanged && seen.has(undefined)) markUnregisteredSeen();
    if (next.viewEventType && (itemsChanged || next.viewEventType !== previous.viewEventType)) {
      seen.forEach(recordView);
    }
  };

  const list: ImpressionList = {
    configure(next) {
      const previous = config;
      config = next;
      reconfigure(previous, next);
      changed();
    },

    connect() {
      connected = true;
      const doc = globalThis.document;
      doc?.addEventListener('visibilitychange', onVisibilityChange);
      forEachWatched(startWatching);
      connectedLists.add(list);
      changed();
      return () => {
        connected = false;
        doc?.removeEventListener('visibilitychange', onVisibilityChange);
        stopClocks();
        forEachWatched(stopWatching);
        connectedLists.delete(list);
        impressionListsChanged();
      };
    },
    elementRef(itemId) {
      let current: Element | null = null;
      let watched: Watched | undefined;
      /** The enclosing tracker's ref, for an item of its list shown inside this one (nested lists). */
      let outer: ((element: Element | null) => void) | undefined;
      /** Whether the element belongs to the enclosing tracker: the item is not in this list, but there is one. */
      const belongsOutside = () => itemId !== undefined && !positions.has(itemId) && !!config.parent;
      const attach = () => {
        outer?.(null);
        outer = undefined;
        if (watched) {
          stopWatching(watched);
          watchedByItem.get(itemId)?.delete(watched);
        }
        watched = undefined;
        if (!current) return;
        if (belongsOutside()) {
          outer = config.parent?.elementRef(itemId);
          return outer?.(current);
        }
        watched = { itemId, element: current };
        const set = watchedByItem.get(itemId) ?? new Set();
        set.add(watched);
        watchedByItem.set(itemId, set);
        startWatching(watched);
      };
      // React attaches a new item's ref before the tracker's layout effect tells the list its new itemIds: when they
      // change, an element goes where its item now belongs.
      const reroute = () => {
        if (belongsOutside() !== !!outer) attach();
      };
      return (element) => {
        current = element;
        if (element) routes.add(reroute);
        else routes.delete(reroute);
        attach();
        changed();
      };
    },

    link(event) {
      const position = positions.get(event.itemId);
      if (position === undefined) return config.parent ? config.parent.link(event) : event;
      return {
        ...event,
        recommendationId: event.recommendationId ?? validRecommendationId(),
        impression: event.impression ?? selectImpression(config.itemIds, position, seen),
      };
    },

    peek() {
      return { config, watchedByItem, seen, clocks, now };
    },
  };
  return list;
}

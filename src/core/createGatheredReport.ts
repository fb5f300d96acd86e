import { createTimer } from './createTimer';
import type { Timers } from './types';

/** Event IDs gathered over a short window and handed over together (one error per burst, not one per event). */
export interface GatheredReport {
  /** Adds event IDs; the first of a burst starts the window. */
  add(eventIds: readonly string[]): void;
  /** Hands over what was gathered now (page exit, close), if anything. */
  flush(): void;
}

/** Gathers event IDs for `windowMs` after the first, then calls `deliver` once with all of them. */
export function createGatheredReport(
  timers: Timers,
  windowMs: number,
  deliver: (eventIds: string[]) => void,
): GatheredReport {
  let gathered: string[] = [];
  const flush = () => {
    timer.stop();
    if (!gathered.length) return;
    const eventIds = gathered;
    gathered = [];
    deliver(eventIds);
  };
  const timer = createTimer(timers, flush);
  return {
    add(eventIds) {
      gathered.push(...eventIds);
      timer.start(windowMs);
    },
    flush,
  };
}

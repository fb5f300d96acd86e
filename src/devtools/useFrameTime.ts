'use client';
import { useEffect, useState } from 'react';

/**
 * `now()`, re-rendering on every animation frame while `active` (dwell progress, outlines that follow scrolling).
 * Give it the recorder's clock, which the impression lists' dwell times are on.
 */
export function useFrameTime(active: boolean, now: () => number): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    if (!active) return;
    let frame = requestAnimationFrame(function tick() {
      setTime(now());
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [active, now]);
  return active ? now() : time;
}

'use client';
import { useEffect, useState } from 'react';

/** `Date.now()`, re-rendering on every animation frame while `active` (dwell progress, outlines that follow scrolling). */
export function useFrameTime(active: boolean): number {
  const [time, setTime] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    let frame = requestAnimationFrame(function tick() {
      setTime(Date.now());
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [active]);
  return active ? Date.now() : time;
}

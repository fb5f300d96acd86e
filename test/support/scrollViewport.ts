import { afterTwoFrames } from './afterTwoFrames';

/**
 * Scrolls a scrolling element to `top` pixels and resolves once the browser has seen the new position (two frames
 * later). For the real-browser tests.
 */
export async function scrollViewport(viewport: HTMLElement, top: number) {
  viewport.scrollTop = top;
  await afterTwoFrames();
}

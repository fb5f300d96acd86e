/**
 * Resolves after two animation frames: by then the browser has laid out and painted a change, and its
 * IntersectionObservers have reported it. For the real-browser tests.
 */
export const afterTwoFrames = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

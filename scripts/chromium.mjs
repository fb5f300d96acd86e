// How every test and benchmark launches Debian's Chromium here: one place, so the flags never drift apart.
// Without the background-networking flags Chromium keeps trying hosts this closed network refuses.

/** The Chromium to drive: CHROMIUM_PATH, else Debian's. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Headless, as root, with no traffic beyond what the page itself asks for. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

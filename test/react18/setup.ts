import Module from 'node:module';

// The react18 projects' first setup file (vitest.config.ts). Vitest runs each test file in its own worker, so
// nothing here reaches the other projects.

// Vite's aliases (`react18Alias`) only reach code Vite transforms. React DOM 18 and Testing Library are CommonJS that
// Node loads itself, so their `require('react')` would get the root React 19 (React DOM 18 then crashes on load); the
// deps optimizer cannot help, because Vitest always keeps `react` external to it. Redirect those requires here.
const redirect: Record<string, string> = { react: 'react-18', 'react-dom': 'react-dom-18' };
const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  const match = /^(react|react-dom)(\/.*)?$/.exec(request);
  return resolveFilename.call(this, match ? `${redirect[match[1]]}${match[2] ?? ''}` : request, ...rest);
};

// React 18's development build replays each error thrown while rendering, in effects or in handlers through a fake
// DOM event (in `invokeGuardedCallbackDev`), then rethrows it, so `render()` and `act()` still throw. jsdom prints
// that replay to the terminal past any console spy; cancel only the replay, never an error jsdom reports otherwise.
if (typeof window !== 'undefined') {
  window.addEventListener('error', (event) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 100;
    const replay = new Error().stack?.includes('invokeGuardedCallbackDev');
    Error.stackTraceLimit = limit;
    if (replay) event.preventDefault();
  });
}

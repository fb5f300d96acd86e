import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import type { BrowserCommand } from 'vitest/node';
import { alias } from './alias.ts';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

/** Stories, examples and tests may import the package by its name; it resolves to the sources (see alias.ts). */
export { alias };

/**
 * React 18 in place of the installed React 19, for the react18 projects (the `react-18` and `react-dom-18` npm
 * aliases). These cover what Vite transforms: the sources, the tests and TanStack Query, inlined so its ESM imports
 * pass through them; test/react18/setup.ts redirects the CommonJS requires of React DOM 18 and Testing Library.
 */
const react18Alias = [
  { find: /^react$/, replacement: 'react-18' },
  { find: /^react\/(.+)$/, replacement: 'react-18/$1' },
  { find: /^react-dom$/, replacement: 'react-dom-18' },
  { find: /^react-dom\/(.+)$/, replacement: 'react-dom-18/$1' },
];
const react18 = {
  resolve: { alias: [...react18Alias, ...alias] },
  env: { REACT_MAJOR: '18' },
  server: { deps: { inline: ['@tanstack/react-query'] } },
};

const dist = (file: string) => fileURLToPath(new URL(`./dist/${file}`, import.meta.url));

/**
 * The package and the sources that its entry points export, resolved to the built package (`npm run build` first),
 * for the `dist` project: the build renames internal property names (scripts/internalProps.mjs).
 */
const distAlias = [
  { find: /^react-personalize$/, replacement: dist('index.js') },
  { find: /^react-personalize\/(.+)$/, replacement: dist('$1.js') },
  {
    find: /^(?:\.\.\/)+src\/core\/(?:index|types|createRecorder|createAttribution|createHttpTransport|validateBatch|validateEvent)$/,
    replacement: dist('core.js'),
  },
  {
    find: /^(?:\.\.\/)+src\/test-utils\/(?:createMemoryStorage|createMemoryTransport|setupIntersectionMocking)$/,
    replacement: dist('test-utils.js'),
  },
  {
    find: /^(?:\.\.\/)+src\/react\/(?:ImpressionTracker|PersonalizeProvider|useTrackEvent)$/,
    replacement: dist('index.js'),
  },
];

/** Vitest browser mode in Debian's Chromium, for the real-browser tests and the stories alike (a fresh object each:
 * Vitest writes into it). */
const chromiumBrowser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
  instances: [{ browser: 'chromium' as const }],
});

/**
 * Reads the local endpoint's request log from Node for a test in Chromium: the log answers no CORS headers (no web page
 * may read the bodies and user IDs it holds). Only a local endpoint's log is read.
 */
const readEndpointRequests: BrowserCommand<[url: string]> = async (_context, url) => {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`not a local endpoint: ${url}`);
  return (await fetch(new URL('/api/requests', url))).json();
};

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ['default', './test/summaryReporter.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          globals: true,
          environment: 'jsdom',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/browser/**', 'test/integration/**', 'test/ssr/**', 'test/node/**'],
          setupFiles: ['test/setup.ts'],
          // Far above any test's need (the longest takes ~1 s): only a hang should ever meet them, not a busy CI.
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'node',
          globals: true,
          environment: 'node',
          include: [
            'test/integration/**/*.test.{ts,tsx}',
            'test/ssr/**/*.test.{ts,tsx}',
            'test/node/**/*.test.{ts,tsx}',
          ],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The black-box suites of the recorder, the React bindings, the devtools, test-utils and Storybook again, on
        // the built package: files whose imports all resolve to what an entry point exports (see distAlias), but
        // for the persistence fuzz (two minutes) and noReact (dist/test-utils.js, which it needs, imports React).
        resolve: { alias: distAlias },
        test: {
          name: 'dist',
          globals: true,
          environment: 'jsdom',
          include: [
            'test/core/{createRecorder,createHttpTransport,createAttribution,persistence}.test.ts',
            'test/core/{recorderAttribution,recorderProperties,recorderQueueStore,recorderState}.test.ts',
            'test/core/{validateBatch,validateEvent}.test.ts',
            'test/react/{ImpressionTracker,PersonalizeProvider,useImpression,usePersonalize}.test.tsx',
            'test/react/{usePersonalizeState,useTrackEvent,attributionAcrossPages}.test.tsx',
            'test/devtools/{PersonalizeDevtools,createRecorderInspector,withPersonalizeDevtools}.test.{ts,tsx}',
            'test/test-utils/{createMemoryStorage,createMemoryTransport,createTestRecorder,setupIntersectionMocking}.test.{ts,tsx}',
            'test/storybook/withPersonalize.test.tsx',
          ],
          setupFiles: ['test/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // The React tests again on React 18.3 (React is a peer: ^18 || ^19).
        resolve: react18.resolve,
        test: {
          name: 'react18',
          globals: true,
          environment: 'jsdom',
          include: [
            'test/react/**/*.test.tsx',
            'test/test-utils/**/*.test.tsx',
            'test/query/**/*.test.tsx',
            'test/storybook/**/*.test.tsx',
            'test/react18/**/*.test.tsx',
          ],
          setupFiles: ['test/react18/setup.ts', 'test/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          env: react18.env,
          server: react18.server,
        },
      },
      {
        // Server rendering (and hydration, in jsdom by its docblock) on React 18.3.
        resolve: react18.resolve,
        test: {
          name: 'react18-ssr',
          globals: true,
          environment: 'node',
          include: ['test/ssr/**/*.test.tsx', 'test/react18/reactVersion.test.tsx'],
          setupFiles: ['test/react18/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          env: react18.env,
          server: react18.server,
        },
      },
      {
        plugins: [react()],
        resolve: { alias },
        // Pre-bundled up front: discovering them mid-run makes Vite reload the page and load a second React.
        optimizeDeps: {
          include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', '@testing-library/react'],
        },
        test: {
          name: 'browser',
          globals: true,
          include: ['test/browser/**/*.test.{ts,tsx}'],
          globalSetup: ['test/browser/localEndpoint.setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          browser: { ...chromiumBrowser(), commands: { readEndpointRequests } },
        },
      },
      {
        // Every story renders as a test in Chromium; `play` functions are its assertions.
        plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
        resolve: { alias },
        test: {
          name: 'storybook',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          browser: chromiumBrowser(),
        },
      },
    ],
  },
});

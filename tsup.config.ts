import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { mangleProps } from './scripts/internalProps.mjs';

/** Entry points of package.json's exports map; add one here when its code exists. */
export const entries = {
  index: 'src/index.ts',
  core: 'src/core/index.ts',
  'test-utils': 'src/test-utils/index.ts',
  query: 'src/query/index.ts',
  aws: 'src/aws/index.ts',
  endpoint: 'src/endpoint/index.ts',
  server: 'src/server/index.ts',
  storybook: 'src/storybook/index.ts',
  devtools: 'src/devtools/index.ts',
  /** The `bin` (not an export): its `#!/usr/bin/env node` line is kept by esbuild. */
  cli: 'src/cli.ts',
};

/** Where the build puts the outputs of {@link moduleEntries}; scripts/use-client.mjs deletes the folder. */
export const moduleEntryDir = '_modules';

/**
 * Every source module as an entry of its own, so that code splitting gives each module a chunk of its own (a chunk
 * holds the modules that the same set of entries reach, and each module is the only one its own entry reaches
 * alone). A chunk then never mixes a 'use client' module with a module that must run on the server, and
 * scripts/use-client.mjs gives each built file the directive of its sources. The entries' own outputs are only
 * re-exports, unused by the package's entry points, and deleted after the build.
 */
function moduleEntries(): Record<string, string> {
  const files = readdirSync('src', { recursive: true, encoding: 'utf8' })
    .map((file) => file.replaceAll('\\', '/'))
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'));
  return Object.fromEntries(files.map((file) => [`${moduleEntryDir}/${file.replace(/\.tsx?$/, '')}`, `src/${file}`]));
}

export default defineConfig({
  entry: { ...entries, ...moduleEntries() },
  format: ['esm', 'cjs'],
  dts: { entry: entries },
  splitting: true,
  // Read by scripts/use-client.mjs: which sources each built file holds.
  metafile: true,
  sourcemap: false,
  clean: true,
  // One line per built file (over 200 of them) is no progress report; errors are still printed, and
  // scripts/use-client.mjs and scripts/prune-chunks.mjs print what was built.
  silent: true,
  target: 'es2020',
  esbuildOptions(options) {
    options.chunkNames = 'chunks/[name]-[hash]';
    // Internal property names become short ones (scripts/internalProps.mjs says which, and why it is safe). One
    // esbuild build per format holds every entry and chunk, so each name is renamed alike in all of them.
    options.mangleProps = mangleProps;
  },
  external: ['react', 'react-dom', '@tanstack/react-query', /^@aws-sdk\//, /^@smithy\//, /^node:/, /^storybook(\/|$)/],
});

import { defineConfig } from 'tsup';

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

export default defineConfig({
  entry: entries,
  format: ['esm', 'cjs'],
  dts: true,
  splitting: true,
  sourcemap: false,
  clean: true,
  treeshake: true,
  target: 'es2020',
  external: ['react', 'react-dom', '@tanstack/react-query', /^@aws-sdk\//, /^@smithy\//, /^node:/, /^storybook(\/|$)/],
});

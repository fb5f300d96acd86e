import { defineConfig } from 'tsup';

/** Entry points of package.json's exports map; add one here when its code exists. */
export const entries = {
  index: 'src/index.ts',
  core: 'src/core/index.ts',
  'test-utils': 'src/test-utils/index.ts',
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
  external: ['react', 'react-dom', '@tanstack/react-query', /^@aws-sdk\//, /^@smithy\//, /^node:/],
});

import { fileURLToPath } from 'node:url';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/**
 * `react-personalize` and `react-personalize/<entry>` resolved to the sources, for the tests, the stories and the
 * demo (Vitest, Storybook and Vite configs share it).
 */
export const alias = [
  { find: /^react-personalize$/, replacement: src('index.ts') },
  { find: /^react-personalize\/(.+)$/, replacement: src('$1/index.ts') },
];

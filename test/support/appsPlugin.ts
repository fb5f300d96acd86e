import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * An esbuild plugin that serves apps as virtual files: `app:<name>` loads `apps[name]` (as TSX when the name ends in
 * `.tsx`, else as TypeScript), and `react-personalize/<entry>` resolves to the sources, as in the other tests.
 */
export function appsPlugin(apps: Record<string, string>): Plugin {
  return {
    name: 'apps',
    setup(setup) {
      setup.onResolve({ filter: /^app:/ }, (args) => ({ path: args.path.slice(4), namespace: 'app' }));
      setup.onLoad({ filter: /.*/, namespace: 'app' }, (args) => ({
        contents: apps[args.path],
        loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
        resolveDir: root,
      }));
      setup.onResolve({ filter: /^react-personalize(\/.+)?$/ }, (args) => ({
        path: `${root}src/${args.path === 'react-personalize' ? '' : `${args.path.slice('react-personalize/'.length)}/`}index.ts`,
      }));
    },
  };
}

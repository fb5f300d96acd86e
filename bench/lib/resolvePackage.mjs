// Resolves `react-personalize` and `react-personalize/<entry>` to the built files of this repository (dist/),
// through package.json's exports map, exactly as an app's bundler would after `npm install react-personalize`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

/** The package's entry points, e.g. ['.', './core', './aws'] (without ./package.json). */
export function entryPoints() {
  return Object.keys(pkg.exports).filter((key) => key !== './package.json');
}

/** The import specifier of an entry point: '.' → 'react-personalize', './aws' → 'react-personalize/aws'. */
export function specifier(entry) {
  return entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`;
}

/**
 * Where the build is: dist/ (after `npm run build`), or the private build bench/run.mjs makes so that a test run
 * rebuilding dist/ at the same time cannot pull the files from under a benchmark.
 */
export const distDir = process.env.REACT_PERSONALIZE_BENCH_DIST || `${root}dist/`;

/** The absolute path of an entry point's ESM build. */
export function distFile(entry) {
  const target = pkg.exports[entry]?.import?.default;
  if (!target) throw new Error(`package.json exports has no import condition for ${entry}`);
  return `${distDir}${target.slice('./dist/'.length)}`;
}

/** esbuild plugin mapping the package's name to dist/ through its exports map. */
export const packagePlugin = {
  name: 'react-personalize-dist',
  setup(build) {
    const filter = new RegExp(`^${pkg.name}(/.*)?$`);
    build.onResolve({ filter }, (args) => {
      const entry = args.path === pkg.name ? '.' : `.${args.path.slice(pkg.name.length)}`;
      return { path: distFile(entry) };
    });
  },
};

// Loads an entry point for a Node benchmark: its build in dist/ when package.json exports it (what users get),
// else its TypeScript sources bundled with esbuild (e.g. the local endpoint while it has no entry of its own).
import { existsSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';
import { distFile, entryPoints, root } from './resolvePackage.mjs';

const cache = `${root}node_modules/.cache/react-personalize-bench/`;

/** Imports `name` ('core', 'aws', 'server', 'endpoint', …); `from` says whether it came from dist or src. */
export async function load(name) {
  const entry = `./${name}`;
  if (entryPoints().includes(entry) && existsSync(distFile(entry))) {
    return { module: await import(distFile(entry)), from: `dist/${name}.js` };
  }
  const source = `${root}src/${name}/index.ts`;
  if (!existsSync(source)) throw new Error(`bench: neither dist nor src has the ${name} entry point`);
  mkdirSync(cache, { recursive: true });
  const outfile = `${cache}${name}.mjs`;
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node18',
    packages: 'external',
    logLevel: 'error',
  });
  return { module: await import(`${outfile}?t=${Date.now()}`), from: `src/${name} (esbuild)` };
}

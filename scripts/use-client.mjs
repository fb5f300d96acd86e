// After `tsup`: gives each built file the 'use client' directive of its sources, and only those.
//
// tsup.config.ts makes every source module an entry of its own, so each chunk holds one module and the package's
// entry points only re-export. React Server Components need 'use client' as the first statement of every built file
// that runs React on the client, and nowhere else: a directive on a file that also holds core code would turn its
// functions into client references, which server code cannot call. So, from esbuild's metafile:
// - a file whose sources start with 'use client' gets the directive on its first line (esbuild keeps it in ESM, but
//   in CJS after `"use strict"` and the `__esModule` marker, where it is no directive at all);
// - a file holding code of both kinds fails the build;
// - the outputs of the per-module entries (dist/_modules/) are deleted: nothing imports them;
// - the metafiles are deleted: they are not part of the package.
//
//   node scripts/use-client.mjs [dist folder]   (default: dist/; bench/run.mjs passes its private build's)
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = resolve(root, process.argv[2] ?? 'dist');
/** The folder as esbuild's metafile names it (relative to the working directory of the build, the repo root). */
const distName = relative(root, dist).replaceAll('\\', '/');
const DIRECTIVE = /^\s*(['"])use client\1;?/;
/** esbuild's `"use client";` statement anywhere on a CJS file's first line (after its `"use strict"` prologue). */
const MISPLACED = /(['"])use client\1;/g;

const isClientSource = (() => {
  const cache = new Map();
  return (path) => {
    if (!cache.has(path)) cache.set(path, DIRECTIVE.test(readFileSync(root + path, 'utf8')));
    return cache.get(path);
  };
})();

/**
 * The directive an output needs: 'client', 'server' (none), or throws when its sources disagree. Only the sources
 * that put code into the file count: a file of re-exports alone (an entry point, a barrel's chunk) needs none, even
 * from a 'use client' barrel, as the modules it re-exports carry their own.
 */
function kindOf(output, inputs) {
  const sources = Object.keys(inputs).filter((path) => path.startsWith('src/'));
  const counted = sources.filter((path) => inputs[path].bytesInOutput > 0);
  const client = counted.filter(isClientSource);
  if (client.length > 0 && client.length < counted.length) {
    const server = counted.filter((path) => !isClientSource(path));
    throw new Error(
      `use-client: ${output} mixes 'use client' modules (${client.join(', ')}) with modules that must run on the server too (${server.join(', ')}). Keep each module in a chunk of its own (tsup.config.ts, moduleEntries).`,
    );
  }
  return client.length > 0 ? 'client' : 'server';
}

const counts = { client: 0, server: 0 };
for (const format of ['esm', 'cjs']) {
  const metafilePath = `${dist}/metafile-${format}.json`;
  if (!existsSync(metafilePath)) continue; // a build of one format
  const { outputs } = JSON.parse(readFileSync(metafilePath, 'utf8'));
  for (const [output, { inputs, imports }] of Object.entries(outputs)) {
    if (output.startsWith(`${distName}/_modules/`)) continue;
    const stray = imports.find((imported) => imported.path.startsWith(`${distName}/_modules/`));
    if (stray) throw new Error(`use-client: ${output} imports ${stray.path}, which the build deletes`);
    const kind = kindOf(output, inputs);
    const code = readFileSync(root + output, 'utf8');
    const newline = code.indexOf('\n');
    const firstLine = newline === -1 ? code : code.slice(0, newline);
    let rest = newline === -1 ? '' : code.slice(newline);
    let head = firstLine.replace(MISPLACED, '');
    if (head.trim() === '' && newline !== -1) {
      head = '';
      rest = rest.slice(1);
    }
    const body = head + rest;
    writeFileSync(root + output, kind === 'client' ? `'use client';\n${body}` : body);
    counts[kind]++;
  }
  rmSync(metafilePath);
}
if (counts.client + counts.server === 0) throw new Error(`use-client: no metafile in ${dist}: run it after tsup`);
rmSync(`${dist}/_modules`, { recursive: true, force: true });
console.info(`use-client: ${counts.client} built file(s) marked 'use client', ${counts.server} without it`);

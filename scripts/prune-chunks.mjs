// After scripts/use-client.mjs: drops the bare `import "./chunk-….js"` / `require('./chunk-….cjs')` statements that
// esbuild adds to keep its chunks' evaluation order, and the chunks no built entry reaches any more.
//
// With one chunk per source module (tsup.config.ts), every entry point imports, bare, each chunk it reaches. The
// package declares `"sideEffects": false`, so an app's bundler drops those imports anyway, and esbuild warns for
// each one ("Ignoring this import because … was marked as having no side effects"). Every chunk whose code is used
// is still imported by name, so dropping them changes nothing but the warnings. A barrel's chunk (re-exports only)
// is empty: once no file imports it, it is deleted.
//
//   node scripts/prune-chunks.mjs [dist folder]   (default: dist/; bench/run.mjs passes its private build's)
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${resolve(root, process.argv[2] ?? 'dist')}/`;
const BARE_IMPORT = /^import\s*(['"])\.\/(?:chunks\/)?chunk-[\w-]+\.js\1;\n/gm;
const BARE_REQUIRE = /(^|;)require\((['"])\.\/(?:chunks\/)?chunk-[\w-]+\.cjs\2\);\n?/gm;
const CHUNK_REFERENCE = /chunk-[\w-]+\.c?js/g;

const entries = readdirSync(dist).filter((name) => /\.c?js$/.test(name));
const chunks = readdirSync(`${dist}chunks`).filter((name) => /\.c?js$/.test(name));
const pathOf = (name) => (entries.includes(name) ? dist + name : `${dist}chunks/${name}`);

let dropped = 0;
for (const name of [...entries, ...chunks]) {
  const code = readFileSync(pathOf(name), 'utf8');
  const stripped = code.replace(BARE_IMPORT, '').replace(BARE_REQUIRE, '$1');
  if (stripped === code) continue;
  dropped += (code.match(BARE_IMPORT)?.length ?? 0) + (code.match(BARE_REQUIRE)?.length ?? 0);
  writeFileSync(pathOf(name), stripped);
}

const reached = new Set();
const pending = [...entries];
while (pending.length > 0) {
  const name = pending.pop();
  for (const chunk of readFileSync(pathOf(name), 'utf8').match(CHUNK_REFERENCE) ?? []) {
    if (reached.has(chunk)) continue;
    if (!chunks.includes(chunk)) throw new Error(`prune-chunks: ${name} imports ${chunk}, which is not in dist/chunks`);
    reached.add(chunk);
    pending.push(chunk);
  }
}
const unreached = chunks.filter((chunk) => !reached.has(chunk));
for (const chunk of unreached) rmSync(`${dist}chunks/${chunk}`);
console.info(`prune-chunks: ${dropped} bare import(s) dropped, ${unreached.length} unreached chunk(s) deleted`);

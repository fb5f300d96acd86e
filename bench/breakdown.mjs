// First-load floor, per unit: what each source module of the core and the React bindings adds to a typical React app
// (the imports of .size-limit.json's first row), bundled from the sources the way an app's bundler does it (esbuild:
// bundle, minify, tree-shake, code splitting; NODE_ENV production), with the internal property names renamed as the
// package's build renames them (scripts/internalProps.mjs), gzip level 9. Two totals: the first load (the entry and
// the chunks it imports statically) and everything, lazy chunks included. gzip works on each file as a whole, so a
// module's share is its minified bytes × (its file's gzipped ÷ minified bytes): the shares add up to the totals.
// Then the same shares summed per group of units: what the first load would weigh without that group.
//   node bench/breakdown.mjs
import { relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { mangleProps } from '../scripts/internalProps.mjs';
import { appBuildOptions } from './lib/appBuildOptions.mjs';
import { kb, output } from './lib/report.mjs';
import { root } from './lib/resolvePackage.mjs';
import { typicalAppImports } from './lib/typicalAppImports.mjs';

const COMMAND = 'node bench/breakdown.mjs';
const TYPICAL = typicalAppImports;
/** The budget of the issue: the React entry plus the core a typical app uses, first load. */
const BUDGET = 7500;
/** The budget of the issue for everything a normal page downloads, lazy chunks included. */
const TOTAL_BUDGET = 10_500;
/** Groups of units, summed: the candidates for a lazy chunk or a smaller design, and the floor without each. */
const GROUPS = {
  'persistence (default store, sync, tab lock, locks, storage, writers)':
    /core\/(createQueueStore|createPersistenceSync|createTabLock|browserLocks|browserStorage|createWriterRegistry)\.ts$/,
  'impressions (list, observer, tracker, selection, contexts)':
    /react\/(createImpressionList|observeIntersection|ImpressionTracker|selectImpression|useImpression|ImpressionListContext|inspectImpressionLists)\.tsx?$/,
  'validation (rules, limits, issues)':
    /core\/(checkEvent|validateEvent|countCharacters|hasLoneSurrogate|isPlaceholderId|isValidString|limits|createIssue)\.ts$/,
  'failure path (retry policy, transport errors)': /core\/(createRetryPolicy|TransportError)\.ts$/,
};

const result = await build({
  stdin: {
    contents: `import { ${TYPICAL.join(', ')} } from './src/index.ts';\nglobalThis.__app = [${TYPICAL.join(', ')}];\n`,
    resolveDir: root,
    loader: 'ts',
  },
  ...appBuildOptions({ external: ['react', 'react-dom', 'react/*', 'react-dom/*'] }),
  // The package's build renames the recorder units' internal property names (tsup.config.ts): so does this one.
  mangleProps,
});

const outputs = result.metafile.outputs;
/** Output contents by the metafile's name for them (relative to the working directory). */
const contents = new Map(result.outputFiles.map((file) => [relative(process.cwd(), file.path), file.contents]));
/** The entry's output and every chunk it reaches by static imports: what the page loads before it runs. */
const firstLoad = new Set();
const pending = Object.keys(outputs).filter((path) => outputs[path].entryPoint === '<stdin>');
while (pending.length) {
  const path = pending.pop();
  if (firstLoad.has(path)) continue;
  firstLoad.add(path);
  for (const imported of outputs[path].imports)
    if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
}
let firstGzipped = 0;
let totalGzipped = 0;
/** Per source module: its gzipped share, its minified bytes, and whether its file is part of the first load. */
const modules = new Map();
for (const [path, meta] of Object.entries(outputs)) {
  const gzipped = gzipSync(contents.get(path), { level: 9 }).length;
  totalGzipped += gzipped;
  if (firstLoad.has(path)) firstGzipped += gzipped;
  const minified = Object.values(meta.inputs).reduce((sum, input) => sum + input.bytesInOutput, 0);
  for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
    if (!bytesInOutput || input === '<stdin>') continue;
    const entry = modules.get(input) ?? { share: 0, bytes: 0, lazy: !firstLoad.has(path) };
    entry.share += (bytesInOutput * gzipped) / minified;
    entry.bytes += bytesInOutput;
    modules.set(input, entry);
  }
}
const lazyFiles = Object.keys(outputs).length - firstLoad.size;

const rows = [
  {
    group: 'First-load floor',
    measure: 'typical React app, first load from the sources, min+gz',
    value: `${kb(firstGzipped)}; budget ${kb(BUDGET)}`,
    params: `imports { ${TYPICAL.join(', ')} }; react external; esbuild minify, splitting, gzip -9 per file`,
    command: COMMAND,
  },
  {
    group: 'First-load floor',
    measure: 'typical React app, total with lazy chunks, min+gz',
    value: `${kb(totalGzipped)}; budget ${kb(TOTAL_BUDGET)}`,
    params: `first load + ${lazyFiles} lazy chunk(s) loaded with import()`,
    command: COMMAND,
  },
];
for (const [name, pattern] of Object.entries(GROUPS)) {
  const members = [...modules].filter(([input, { lazy }]) => !lazy && pattern.test(input));
  const share = members.reduce((sum, [, module]) => sum + module.share, 0);
  rows.push({
    group: 'First-load floor',
    measure: `group: ${name}`,
    value: `${kb(Math.round(share))}; first load without it ${kb(Math.round(firstGzipped - share))}`,
    params: `${members.length} modules, summed shares (a lazy chunk of its own would also cost its gzip overhead)`,
    command: COMMAND,
  });
}
for (const [input, { share, bytes, lazy }] of [...modules].sort((a, b) => b[1].share - a[1].share)) {
  rows.push({
    group: 'First-load floor',
    measure: `${input.replace(/^src\//, '')}${lazy ? ' (lazy)' : ''}`,
    value: kb(Math.round(share)),
    params: `${bytes} B minified; share of its file's gzipped bytes`,
    command: COMMAND,
  });
}
output(rows);

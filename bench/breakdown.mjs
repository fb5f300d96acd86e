// First-load floor, per unit: what each source module of the core and the React bindings adds to the first load
// of a typical React app (the imports of .size-limit.json's first row), bundled from the sources the way an app's
// bundler does it (esbuild: bundle, minify, tree-shake; NODE_ENV production), with the internal property names
// renamed as the package's build renames them (scripts/internalProps.mjs), gzip level 9. gzip works on the whole
// file, so a module's share is its minified bytes × (gzipped total ÷ minified total): the shares add up to the total.
//   node bench/breakdown.mjs
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

let gzipped = 0;
for (const file of result.outputFiles) gzipped += gzipSync(file.contents, { level: 9 }).length;
const modules = new Map();
for (const meta of Object.values(result.metafile.outputs)) {
  for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
    if (bytesInOutput) modules.set(input, (modules.get(input) ?? 0) + bytesInOutput);
  }
}
const minified = [...modules.values()].reduce((sum, bytes) => sum + bytes, 0);
const share = (bytes) => Math.round((bytes * gzipped) / minified);

const rows = [
  {
    group: 'First-load floor',
    measure: 'typical React app, first load from the sources, min+gz',
    value: `${kb(gzipped)}; budget ${kb(BUDGET)}`,
    params: `imports { ${TYPICAL.join(', ')} }; react external; esbuild minify, internal property names renamed as in the build, gzip -9`,
    command: COMMAND,
  },
];
for (const [input, bytes] of [...modules].sort((a, b) => b[1] - a[1])) {
  if (input === '<stdin>') continue;
  rows.push({
    group: 'First-load floor',
    measure: input.replace(/^src\//, ''),
    value: kb(share(bytes)),
    params: `${bytes} B minified; share of the gzipped total`,
    command: COMMAND,
  });
}
output(rows);

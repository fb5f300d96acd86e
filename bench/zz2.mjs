import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = (process.env.ROOT ?? process.cwd()) + '/';
const names =
  process.argv[2] ??
  'PersonalizeProvider, ImpressionTracker, useImpression, useTrackEvent, createRecorder, createHttpTransport';
const from = process.argv[3] ?? './src/index.ts';
const r = await build({
  stdin: {
    contents: `import { ${names} } from '${from}'; globalThis.__app = [${names}];`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  minify: true,
  mangleProps: new RegExp(process.env.MANGLE ?? '^$^'),
  splitting: true,
  format: 'esm',
  outdir: '/out',
  write: false,
  metafile: true,
  external: ['react', 'react-dom', 'react/*'],
  target: 'es2020',
  define: { 'process.env.NODE_ENV': '"production"' },
  platform: 'browser',
});
let total = 0;
for (const f of r.outputFiles) {
  const gz = gzipSync(f.contents, { level: 9 }).length;
  total += gz;
  console.log(f.path, f.contents.length, 'gz', gz);
}
const entry = Object.values(r.metafile.outputs);
const rows = [];
for (const out of entry)
  for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) rows.push([input, bytesInOutput]);
rows.sort((a, b) => b[1] - a[1]);
const min = rows.reduce((s, r) => s + r[1], 0);
for (const [i, b] of rows)
  console.log(String(b).padStart(6), (((b / min) * total) / 1000).toFixed(2).padStart(6), 'kB~gz', i);
console.log('total gz', total, 'min', min);

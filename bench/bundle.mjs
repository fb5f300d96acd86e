// Bundle size: min+gz of what an app ships when it imports each entry point (peers external), bundled the way an
// app's bundler does it (esbuild: bundle, minify, tree-shake, split lazy chunks), gzip level 9 per file. And the
// same job done with Amplify's Personalize analytics (bench/amplify, installed on demand).
//   node bench/bundle.mjs            (needs `npm run build` first; bench/run.mjs does it)
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { amplifyDir, ensureAmplify } from './lib/amplify.mjs';
import { appBuildOptions } from './lib/appBuildOptions.mjs';
import { kb, output, ratio } from './lib/report.mjs';
import { distFile, entryPoints, packagePlugin, root, specifier } from './lib/resolvePackage.mjs';
import { typicalAppImports } from './lib/typicalAppImports.mjs';

const COMMAND = 'node bench/bundle.mjs';
const PEERS = ['react', 'react-dom', 'react/*', 'react-dom/*', '@tanstack/react-query', 'storybook', 'storybook/*'];
const SDK = ['@aws-sdk/*', '@smithy/*'];

/** Entry points that run only on a server (Node builtins); bundled for Node. */
const NODE_ONLY = ['./server', './endpoint'];

/** What a typical app imports from each entry point; an entry not listed here is measured whole. */
const TYPICAL = {
  '.': typicalAppImports,
  './core': ['createRecorder', 'createHttpTransport'],
  './aws': ['createPersonalizeTransport'],
  './server': ['createPutEventsHandler'],
  './query': ['useRecommendations'],
  './devtools': ['PersonalizeDevtoolsPanel'],
};

/**
 * Bundles one app file and measures it: `firstLoad` is the entry chunk plus the chunks it imports statically,
 * `lazy` the chunks only reached through `import()`.
 */
async function measure({ source, resolveDir, external, platform = 'browser', nodeEnv = 'production' }) {
  const result = await build({
    entryPoints: ['app'],
    plugins: [
      {
        name: 'app',
        setup(b) {
          b.onResolve({ filter: /^app$/ }, () => ({ path: 'app', namespace: 'app' }));
          b.onLoad({ filter: /.*/, namespace: 'app' }, () => ({ contents: source, loader: 'js', resolveDir }));
        },
      },
      packagePlugin,
    ],
    ...appBuildOptions({ external, platform, nodeEnv }),
  });
  const gz = new Map(result.outputFiles.map((file) => [file.path, gzipSync(file.contents, { level: 9 }).length]));
  // Metafile paths are relative to the working directory; output files carry absolute ones.
  const outputs = Object.fromEntries(
    Object.entries(result.metafile.outputs).map(([path, meta]) => [
      resolve(path),
      { ...meta, imports: meta.imports.map((i) => ({ ...i, path: i.external ? i.path : resolve(i.path) })) },
    ]),
  );
  const entry = Object.keys(outputs).find((path) => outputs[path].entryPoint);
  const first = new Set();
  const visit = (path) => {
    if (first.has(path)) return;
    first.add(path);
    for (const dependency of outputs[path].imports) {
      if (dependency.kind === 'import-statement' && !dependency.external) visit(dependency.path);
    }
  };
  visit(entry);
  let firstLoad = 0;
  let lazy = 0;
  for (const [path, size] of gz) {
    if (first.has(path)) firstLoad += size;
    else lazy += size;
  }
  return { firstLoad, lazy, total: firstLoad + lazy };
}

const keep = (names, from) =>
  `import { ${names.join(', ')} } from '${from}';\nglobalThis.__app = [${names.join(', ')}];\n`;
const whole = (from) => `import * as entry from '${from}';\nglobalThis.__app = entry;\n`;

const rows = [];
const built = entryPoints().filter((entry) => existsSync(distFile(entry)));
if (built.length < entryPoints().length) {
  throw new Error('dist/ is missing entry points: run `npm run build` first');
}

/** The typical names an entry exports today (the React bindings may be partly written). */
async function typicalNames(entry) {
  if (!TYPICAL[entry]) return undefined;
  const exported = new Set(Object.keys(await import(distFile(entry))));
  return TYPICAL[entry].filter((name) => exported.has(name));
}

for (const entry of built) {
  const names = await typicalNames(entry);
  const name = specifier(entry);
  const size = await measure({
    source: names ? keep(names, name) : whole(name),
    resolveDir: root,
    external: [...PEERS, ...SDK],
    platform: NODE_ONLY.includes(entry) ? 'node' : 'browser',
  });
  rows.push({
    group: 'Bundle',
    measure: `${name}: first load, min+gz`,
    value: kb(size.firstLoad),
    params: `${names ? `imports { ${names.join(', ')} }` : 'all exports'}; peers external; ${NODE_ONLY.includes(entry) ? 'platform node (server-only entry); ' : ''}esbuild minify, gzip -9`,
    command: COMMAND,
  });
}

// What <PersonalizeDevtools /> adds to a React app's first load: the devtools chunk in development, nothing in
// production (the entry's NODE_ENV switch leaves `() => null`, and the app's element that renders it).
if (built.includes('./devtools') && built.includes('.')) {
  const app = keep(await typicalNames('.'), 'react-personalize');
  const withDevtools = `${app}import { PersonalizeDevtools } from 'react-personalize/devtools';\nglobalThis.__devtools = PersonalizeDevtools;\n`;
  const withStandIn = `${app}globalThis.__devtools = () => null;\n`;
  const sizes = {};
  for (const nodeEnv of ['development', 'production']) {
    const options = { resolveDir: root, external: PEERS, nodeEnv };
    const [a, b] = [
      await measure({ ...options, source: withDevtools }),
      await measure({ ...options, source: withStandIn }),
    ];
    sizes[nodeEnv] = a.firstLoad - b.firstLoad;
  }
  rows.push({
    group: 'Bundle',
    measure:
      'react-personalize/devtools: what <PersonalizeDevtools /> adds to the first load, development / production, min+gz',
    value: `${kb(sizes.development)} / ${kb(sizes.production)}`,
    params:
      'typical React app with and without PersonalizeDevtools (a stand-in `() => null` without); NODE_ENV development, then production; peers external',
    command: COMMAND,
  });
}

// The budget lines of .size-limit.json, measured the same way here.
const hasReact = built.includes('.');
const hasAws = built.includes('./aws');
let oursFirstLoad;
let oursTotal;
if (hasAws) {
  const typical = (await typicalNames('.')).filter((n) => n !== 'createHttpTransport');
  const source = `${keep(typical, 'react-personalize')}${keep(TYPICAL['./aws'], 'react-personalize/aws').replace('globalThis.__app =', 'globalThis.__aws =')}`;
  const size = await measure({ source, resolveDir: root, external: PEERS });
  oursFirstLoad = size.firstLoad;
  oursTotal = size.total;
  rows.push({
    group: 'Bundle',
    measure: 'React app sending with the AWS SDK: first load / lazy SDK chunk, min+gz',
    value: `${kb(size.firstLoad)} / ${kb(size.lazy)}`,
    params: `{ ${typical.join(', ')} } + createPersonalizeTransport; @aws-sdk/client-personalize-events bundled (loaded on first send); react external; no credential provider`,
    command: COMMAND,
  });
} else if (hasReact) {
  const size = await measure({
    source: keep(await typicalNames('.'), 'react-personalize'),
    resolveDir: root,
    external: PEERS,
  });
  oursFirstLoad = size.firstLoad;
  oursTotal = size.total;
}

if (oursTotal !== undefined) {
  await ensureAmplify();
  const source = `import { Amplify } from 'aws-amplify';
import { record } from 'aws-amplify/analytics/personalize';
Amplify.configure({
  Auth: { Cognito: { identityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000', allowGuestAccess: true } },
  Analytics: { Personalize: { trackingId: '00000000-0000-0000-0000-000000000000', region: 'us-east-1' } },
});
globalThis.__app = record;
`;
  const amplify = await measure({ source, resolveDir: amplifyDir, external: PEERS });
  rows.push({
    group: 'Bundle',
    measure: "Amplify's Personalize analytics (aws-amplify + @aws-amplify/analytics): first load / lazy, min+gz",
    value: `${kb(amplify.firstLoad)} / ${kb(amplify.lazy)}`,
    params:
      'Amplify.configure (Cognito identity pool + Personalize) + record from aws-amplify/analytics/personalize; SDK 3.1143.0; no React bindings',
    command: COMMAND,
  });
  rows.push({
    group: 'Bundle',
    measure: 'Amplify ÷ react-personalize, first load',
    value: ratio(amplify.firstLoad / oursFirstLoad),
    params: hasAws
      ? 'rows above: Amplify first load ÷ React app with the AWS transport, first load'
      : 'Amplify ÷ React app with the HTTP transport',
    command: COMMAND,
  });
  rows.push({
    group: 'Bundle',
    measure: 'Amplify ÷ react-personalize, everything downloaded',
    value: ratio(amplify.total / oursTotal),
    params: hasAws
      ? 'first load + lazy chunks, both with the PutEvents SDK client (Amplify also ships Cognito credentials)'
      : 'Amplify ÷ React app with the HTTP transport (no SDK)',
    command: COMMAND,
  });
}

output(rows);

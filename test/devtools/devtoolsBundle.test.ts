// @vitest-environment node
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { appsPlugin } from '../support/appsPlugin';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The app with the devtools, or the same app where a local component that renders nothing stands in for them (so
 * the app's own element and call site are in both).
 */
const app = (devtools: boolean) => `
import { createRoot } from 'react-dom/client';
import { createHttpTransport, createRecorder, PersonalizeProvider, useTrackEvent } from 'react-personalize';
${devtools ? "import { PersonalizeDevtools } from 'react-personalize/devtools';" : 'const PersonalizeDevtools = (): null => null;'}

function Product() {
  const track = useTrackEvent();
  return <button type="button" onClick={() => track({ eventType: 'click', itemId: 'a' })}>Buy</button>;
}

const recorder = createRecorder({ transport: createHttpTransport({ url: '/api/events' }) });
createRoot(document.getElementById('root')!).render(
  <PersonalizeProvider recorder={recorder}>
    <Product />
    <PersonalizeDevtools initialIsOpen position="bottom-left" />
  </PersonalizeProvider>,
);
`;

/** Bundles an app as a production (or development) build would, React external; returns its code and inputs. */
async function bundle(source: string, nodeEnv: 'production' | 'development') {
  const result = await build({
    entryPoints: ['app:app.tsx'],
    plugins: [appsPlugin({ 'app.tsx': source })],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    // Whitespace and syntax minified as a production build does; identifiers kept, so that the two apps' code can
    // be compared byte for byte (minified names follow how often each is used, which the stand-in changes).
    minifyWhitespace: true,
    minifySyntax: true,
    jsx: 'automatic',
    write: false,
    absWorkingDir: root,
    outfile: '/virtual-out/app.js',
    metafile: true,
    external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  const inputs = Object.entries(Object.values(result.metafile.outputs)[0].inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  return { code: output.text, gzip: gzipSync(output.contents, { level: 9 }).length, inputs };
}

describe('PersonalizeDevtools in a production build', () => {
  it('adds not one byte of devtools code to the first load: the app bundles to the same size as without it', async () => {
    const withDevtools = await bundle(app(true), 'production');
    const without = await bundle(app(false), 'production');
    const devtoolsInputs = withDevtools.inputs.filter(
      (path) => path.startsWith('src/devtools/') || path.includes('createRecorderInspector'),
    );
    // Only the switch of the entry remains (`() => null`), and the app's own element that renders it.
    expect(devtoolsInputs).toEqual(['src/devtools/index.ts']);
    expect(withDevtools.code).not.toContain('personalize-devtools');
    expect(withDevtools.code).not.toContain('attachShadow');
    expect(Buffer.byteLength(withDevtools.code)).toBe(Buffer.byteLength(without.code));
  });

  it('carries the whole devtools in a development build (so the check above can fail)', async () => {
    const development = await bundle(app(true), 'development');
    expect(development.code).toContain('personalize-devtools');
    expect(development.inputs).toEqual(expect.arrayContaining(['src/devtools/PersonalizeDevtools.tsx']));
  });
});

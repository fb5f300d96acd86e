import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { appsPlugin } from '../support/appsPlugin';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Bundle {
  /** Minified + gzipped bytes of the entry and every chunk it imports statically (what the first load fetches). */
  firstLoadBytes: number;
  /** Inputs of those files. */
  firstLoadInputs: string[];
  /** Inputs of the files only reachable through import(). */
  lazyInputs: string[];
  lazyBytes: number;
}

async function bundle(source: string): Promise<Bundle> {
  const result = await build({
    entryPoints: ['app:app.ts'],
    plugins: [appsPlugin({ 'app.ts': source })],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    absWorkingDir: root,
    outdir: '/virtual-out',
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = (result.metafile as Metafile).outputs;
  const contents = new Map(result.outputFiles.map((file) => [file.path, file.contents]));
  const gz = (path: string) => {
    const code = contents.get(resolve(root, path));
    if (!code) throw new Error(`no output for ${path}`);
    return gzipSync(code, { level: 9 }).length;
  };
  const entry = Object.keys(outputs).find((path) => outputs[path].entryPoint);
  if (!entry) throw new Error('esbuild produced no entry output');
  const firstLoad = new Set<string>();
  const visit = (path: string) => {
    if (firstLoad.has(path)) return;
    firstLoad.add(path);
    for (const imported of outputs[path].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  const lazy = Object.keys(outputs).filter((path) => !firstLoad.has(path) && path.endsWith('.js'));
  return {
    firstLoadBytes: [...firstLoad].reduce((sum, path) => sum + gz(path), 0),
    firstLoadInputs: [...firstLoad].flatMap((path) => Object.keys(outputs[path].inputs)),
    lazyInputs: lazy.flatMap((path) => Object.keys(outputs[path].inputs)),
    lazyBytes: lazy.reduce((sum, path) => sum + gz(path), 0),
  };
}

describe('react-personalize/aws in an app bundle', () => {
  it('keeps the SDK out of the first chunk and adds under 1.5 KB min+gz to it', async () => {
    const baseline = await bundle(`export const answer = 42;`);
    const app = await bundle(`
      import { createPersonalizeTransport } from 'react-personalize/aws';
      export const transport = createPersonalizeTransport({ trackingId: 'tracking', region: 'us-east-1' });
    `);
    const fromSdk = (input: string) => /node_modules\/@(aws-sdk|smithy)\//.test(input);

    expect(app.firstLoadInputs.filter(fromSdk)).toEqual([]);
    expect(app.lazyInputs).toContain('node_modules/@aws-sdk/client-personalize-events/dist-es/index.js');
    // The SDK really is in the lazy chunks (about 50 KB min+gz): the check above is not vacuous.
    expect(app.lazyBytes).toBeGreaterThan(30_000);
    expect(app.firstLoadBytes - baseline.firstLoadBytes).toBeLessThan(1536);
    console.info(
      `react-personalize/aws adds ${app.firstLoadBytes - baseline.firstLoadBytes} B min+gz to the first load; the SDK chunks weigh ${app.lazyBytes} B`,
    );
  });
});

// The built entry points as plain Node loads them, with `import` and with `require`: the root entry's core exports
// work on a server, and react-personalize/core works where React cannot be found at all.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `code` in a fresh Node process in `cwd`, as an ES module or as CommonJS; returns its output or its error. */
function node(cwd: string, kind: 'esm' | 'cjs', code: string): string {
  const args = kind === 'esm' ? ['--input-type=module', '-e', code] : ['-e', code];
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : `exit ${result.status}: ${result.stderr}`;
}

/** Validates an event, then records one and flushes it through a transport that counts what it got. */
const useCore = (load: string) => `
const { createRecorder, validateEvent } = ${load};
const sent = [];
const recorder = createRecorder({ transport: { send: async (batch) => { sent.push(...batch.eventList); } }, persistence: false, lifecycle: false });
recorder.record({ eventType: 'click', itemId: 'sku-1' });
recorder.flush().then(() => console.log(validateEvent({ eventType: '' })[0].field, sent.length));`;

let outside: string;

beforeAll(() => {
  if (!existsSync(`${repo}dist/core.js`)) throw new Error('dist/ is missing: run `npm run build` first');
  // A copy of the package where no node_modules is above it: `react` cannot be resolved.
  outside = mkdtempSync(join(tmpdir(), 'react-personalize-no-react-'));
  cpSync(`${repo}dist`, join(outside, 'dist'), { recursive: true });
  cpSync(`${repo}package.json`, join(outside, 'package.json'));
});

afterAll(() => {
  if (outside) rmSync(outside, { recursive: true, force: true });
});

describe('the built package in plain Node', () => {
  it("runs the root entry's validateEvent and createRecorder through import and require", () => {
    expect(node(repo, 'esm', useCore("await import('react-personalize')"))).toBe('eventType 1');
    expect(node(repo, 'cjs', useCore("require('react-personalize')"))).toBe('eventType 1');
  });

  it('runs react-personalize/core through import and require where React cannot be found', () => {
    expect(node(outside, 'esm', useCore("await import('./dist/core.js')"))).toBe('eventType 1');
    expect(node(outside, 'cjs', useCore("require('./dist/core.cjs')"))).toBe('eventType 1');
  });

  it('cannot find React in that copy (the root entry fails there: the check above can fail)', () => {
    expect(node(outside, 'esm', "await import('./dist/index.js')")).toMatch(/Cannot find package 'react'/);
    expect(node(outside, 'cjs', "require('./dist/index.cjs')")).toMatch(/Cannot find module 'react'/);
  });
});

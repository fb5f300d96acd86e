// `npm test` (scripts/test.mjs) in a clone whose path holds a space: it must install, build and run, not exit 1 silently.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

it('scripts/test.mjs installs, builds and runs vitest in a checkout whose path has a space (stand-ins log it)', () => {
  const base = mkdtempSync(join(tmpdir(), 'rp test é '));
  try {
    const clone = join(base, 'my projects', 'react-personalize');
    mkdirSync(join(clone, 'scripts'), { recursive: true });
    copyFileSync(join(repo, 'scripts/test.mjs'), join(clone, 'scripts/test.mjs'));
    writeFileSync(join(clone, 'package-lock.json'), '{}'); // a fresh clone: no node_modules
    const bin = join(base, 'bin');
    mkdirSync(bin);
    const log = join(base, 'npm.log');
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "$PWD: $*" >> "${log}"\nexit 0\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    // The clone's own vitest, as npm ci would install it.
    mkdirSync(join(clone, 'node_modules/.bin'), { recursive: true });
    writeFileSync(join(clone, 'node_modules/.bin/vitest'), `#!/bin/sh\necho "$PWD: vitest $*" >> "${log}"\nexit 0\n`);
    chmodSync(join(clone, 'node_modules/.bin/vitest'), 0o755);
    const result = spawnSync(process.execPath, [join(clone, 'scripts/test.mjs')], {
      cwd: base,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, CHROMIUM_PATH: process.execPath },
      encoding: 'utf8',
    });
    let calls = '';
    try {
      calls = readFileSync(log, 'utf8');
    } catch {
      // npm was never called.
    }
    // No installed packages (no node_modules/.package-lock.json): npm ci, the build, then vitest, all in the clone.
    expect({ status: result.status, stderr: result.stderr, calls: calls.trim().split('\n') }).toEqual({
      status: 0,
      stderr: '',
      calls: [`${clone}: ci --no-audit --no-fund`, `${clone}: run --silent build`, `${clone}: vitest run`],
    });
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

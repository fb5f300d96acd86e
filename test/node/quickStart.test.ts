// `npm test` (scripts/test.mjs) in a clone whose path holds a space: it must install, build and run, not exit 1 silently.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

it('scripts/test.mjs works in a checkout whose path has a space (fake npm records what it is asked)', () => {
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
    // The fresh clone has no node_modules: npm ci must run, in the clone.
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr, calls }).toMatchObject({
      calls: expect.stringContaining(`${clone}: ci`),
    });
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
});

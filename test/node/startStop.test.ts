// `npm start` → Ctrl-C while Storybook is still starting (its first start takes a while): "Ctrl-C stops everything".
// scripts/start.mjs runs from a copy of the repo layout whose node_modules/.bin/storybook is a stand-in that never
// answers (still starting); the real vite, sources and demo are linked in. `--storybook-port 0` picks a free port.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  return check();
};

it('Ctrl-C during the Storybook start leaves no Storybook running; port 0 picks a free port', async () => {
  const base = mkdtempSync(join(tmpdir(), 'rp-start-'));
  let storybookPid: number | undefined;
  try {
    mkdirSync(join(base, 'scripts'));
    copyFileSync(join(repo, 'scripts/start.mjs'), join(base, 'scripts/start.mjs'));
    for (const name of ['src', 'examples', 'alias.ts', 'package.json', 'tsconfig.json'])
      symlinkSync(join(repo, name), join(base, name));
    copyFileSync(join(repo, 'package-lock.json'), join(base, 'package-lock.json'));
    mkdirSync(join(base, 'node_modules/.bin'), { recursive: true });
    for (const name of readdirSync(join(repo, 'node_modules')))
      if (name !== '.bin' && name !== '.package-lock.json' && name !== '.vite')
        symlinkSync(join(repo, 'node_modules', name), join(base, 'node_modules', name));
    writeFileSync(join(base, 'node_modules/.package-lock.json'), '{}'); // newer than package-lock.json: no npm ci
    const pidFile = join(base, 'storybook.pid');
    const argsFile = join(base, 'storybook.args');
    writeFileSync(
      join(base, 'node_modules/.bin/storybook'),
      `#!/bin/sh\necho "$@" > "${argsFile}"\necho $$ > "${pidFile}"\nexec sleep 120\n`,
    );
    chmodSync(join(base, 'node_modules/.bin/storybook'), 0o755);

    // Its own process group, like a terminal's foreground job: Ctrl-C is SIGINT to that group.
    const child = spawn(
      process.execPath,
      [join(base, 'scripts/start.mjs'), '--endpoint-port', '0', '--demo-port', '0', '--storybook-port', '0'],
      { cwd: base, detached: true, stdio: 'ignore' },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    expect(await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '', 60_000)).toBe(true);
    storybookPid = Number(readFileSync(pidFile, 'utf8'));
    // Port 0 became a free port: Storybook's --exact-port takes no 0.
    expect(Number(/--port (\d+)/.exec(readFileSync(argsFile, 'utf8'))?.[1])).toBeGreaterThan(0);
    expect(alive(storybookPid)).toBe(true);
    process.kill(-(child.pid as number), 'SIGINT'); // Ctrl-C
    await exited;
    await until(() => !alive(storybookPid as number), 3000);
    expect(alive(storybookPid), 'Storybook still running after Ctrl-C').toBe(false);
  } finally {
    if (storybookPid && alive(storybookPid)) process.kill(storybookPid, 'SIGKILL');
    rmSync(base, { recursive: true, force: true });
  }
}, 90_000);

// `npm test`: everything on a fresh clone of a fresh machine. Installs the dependencies when they are missing or
// stale, finds a Chromium (CHROMIUM_PATH, else /usr/bin/chromium; installs Debian's when it is missing and we
// may), builds, then runs every Vitest project: unit (jsdom), node (SSR, SDK and HTTP on 127.0.0.1), browser
// (real Chromium) and stories. The last line printed is `Tests: N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status ?? 1;
};
const mtime = (path) => (existsSync(root + path) ? statSync(root + path).mtimeMs : 0);

if (mtime('node_modules/.package-lock.json') < mtime('package-lock.json')) {
  console.info('test: installing dependencies (npm ci)');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) process.exit(1);
}

function findChromium() {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}
let chromium = findChromium();
if (!chromium) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (root && hasApt) {
    console.info("test: no Chromium found; installing Debian's (apt-get install -y chromium)");
    run('sh', [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null',
    ]);
    chromium = findChromium();
  }
  if (!chromium) {
    console.error('test: no Chromium. Set CHROMIUM_PATH, or install it: sudo apt-get install -y chromium');
    process.exit(1);
  }
}

if (run('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] }) !== 0) process.exit(1);

const status = run('node_modules/.bin/vitest', ['run', ...process.argv.slice(2)], {
  env: {
    ...process.env,
    CHROMIUM_PATH: chromium,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    STORYBOOK_DISABLE_TELEMETRY: '1',
  },
});
process.exit(status);

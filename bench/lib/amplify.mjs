// Amplify lives in its own folder with its own package.json and lockfile, installed only for the benchmark:
// it is never a dependency of react-personalize.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const amplifyDir = fileURLToPath(new URL('../amplify/', import.meta.url));

/** Installs bench/amplify's packages (`npm ci --prefix bench/amplify`) when they are missing. */
export async function ensureAmplify() {
  if (existsSync(`${amplifyDir}node_modules/aws-amplify/package.json`)) return;
  console.error('bench: installing Amplify for the comparison (npm ci --prefix bench/amplify)');
  const result = spawnSync('npm', ['ci', '--prefix', amplifyDir, '--no-audit', '--no-fund'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('could not install bench/amplify (npm ci --prefix bench/amplify)');
}

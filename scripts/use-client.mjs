// esbuild drops module directives when it bundles. React Server Components need 'use client' at the top of every
// built file that uses React on the client, so put it back on each built file that imports react.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const importsReact = /(?:from\s*|require\()\s*["']react(?:\/jsx-runtime)?["']/;
let marked = 0;
for (const name of readdirSync(dist)) {
  if (!/\.(c?js)$/.test(name)) continue;
  const file = join(dist, name);
  const code = readFileSync(file, 'utf8');
  if (!importsReact.test(code) || /^['"]use client['"]/.test(code)) continue;
  writeFileSync(file, `'use client';\n${code}`);
  marked++;
}
console.info(`use-client: marked ${marked} built file(s) that import react`);

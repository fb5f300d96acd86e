// The built package's types under a user's strictest settings: test/exact-optional compiles the README's snippets and
// every entry point's options against dist/ (resolved by the package's name through its exports map) with
// exactOptionalPropertyTypes, where `userId={user?.id}` type-checks only if the prop accepts an explicit undefined.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

describe('types of the built package', () => {
  it('accept an explicit undefined for every optional prop and option (exactOptionalPropertyTypes)', () => {
    expect(existsSync(`${repo}dist/index.d.ts`), 'dist/ has no types: run `npm run build` first').toBe(true);
    const result = spawnSync(
      process.execPath,
      [`${repo}node_modules/typescript/bin/tsc`, '-p', 'test/exact-optional/tsconfig.json', '--pretty', 'false'],
      { cwd: repo, encoding: 'utf8' },
    );
    expect({ status: result.status, output: `${result.stdout}${result.stderr}` }).toEqual({ status: 0, output: '' });
  }, 120_000);
});

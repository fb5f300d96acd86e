// Every ```ts and ```tsx block of README.md and docs/*.md, type-checked in strict mode against the built package as a
// user's project sees it: `react-personalize` resolves through package.json's exports to dist/*.d.ts.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Block {
  /** `README.md:40`: the file and the line of the opening fence. */
  source: string;
  language: 'ts' | 'tsx';
  code: string;
  /** The fence says `test` (```tsx test): the block is a Vitest test file, run in jsdom against the built package. */
  test: boolean;
}

/** README.md and every page of docs/ but the engineers' notes (docs/notes-*.md), found afresh on every run. */
function documentationFiles(): string[] {
  const pages = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md') && !name.startsWith('notes-'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...pages];
}

/**
 * The ```ts / ```tsx blocks of a Markdown text; a block whose fence says `nocheck` (```ts nocheck) is left out, one
 * whose fence says `test` (```tsx test) is a test file to run as well.
 */
function extractBlocks(file: string, text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const fence = /^```(tsx?)(?:\s+(.*))?$/.exec(lines[index].trim());
    if (!fence) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && lines[index].trim() !== '```'; index++) body.push(lines[index]);
    const words = fence[2]?.split(/\s+/) ?? [];
    if (words.includes('nocheck')) continue;
    blocks.push({
      source: `${file}:${start + 1}`,
      language: fence[1] as 'ts' | 'tsx',
      code: body.join('\n'),
      test: words.includes('test'),
    });
  }
  return blocks;
}

/** Builds dist/ when it is missing or older than a source file (`npm test` builds first: this is for a run alone). */
function ensureBuilt() {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true })
      .map((entry) => (entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs))
      .reduce((a, b) => Math.max(a, b), 0);
  const built = join(root, 'dist/index.d.ts');
  if (existsSync(built) && statSync(built).mtimeMs >= newest(join(root, 'src'))) return;
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'pipe', timeout: 170_000 });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stderr}`);
}

/** Modules the docs import that this repository does not install, typed as their packages declare them. */
const shims = `
declare module '@aws-sdk/credential-providers' {
  import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
  export function fromCognitoIdentityPool(options: {
    identityPoolId: string;
    clientConfig?: { region?: string };
    logins?: Record<string, string>;
  }): AwsCredentialIdentityProvider;
}
`;

/** A block that must not type-check: proves errors are found and reported at the right line. */
const canary: Block = {
  source: 'canary.md:1',
  language: 'tsx',
  code: "import { useTrackEvent } from 'react-personalize';\n\nexport const wrong: number = useTrackEvent;",
  test: false,
};

/** A test block that type-checks but fails when run: proves failures are found and reported. */
const failingCanary: Block = {
  source: 'failing-canary.md:1',
  language: 'ts',
  code: "import { validateEvent } from 'react-personalize/core';\n\nit('finds no issue', () => {\n  expect(validateEvent({ eventType: '' })).toEqual([]);\n});",
  test: true,
};

/** A project in the repository's node_modules/ whose own node_modules/react-personalize links to the repository. */
function createProject(prefix: string): string {
  const project = mkdtempSync(join(root, `node_modules/${prefix}`));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(root, join(project, 'node_modules/react-personalize'), 'dir');
  return project;
}

/**
 * Runs the test blocks with Vitest in jsdom, in a project where `react-personalize` is the built package. Returns
 * each failed test as `file.md:line: test name: message`.
 */
function runTests(blocks: Block[]): string[] {
  const project = createProject('.docs-tests-');
  try {
    const files = new Map<string, Block>();
    blocks.forEach((block, index) => {
      const name = `block${index}.test.${block.language}`;
      files.set(name, block);
      writeFileSync(join(project, name), `${block.code}\n`);
    });
    writeFileSync(
      join(project, 'vitest.config.mjs'),
      "export default { test: { environment: 'jsdom', globals: true, include: ['*.test.{ts,tsx}'], exclude: [] } };\n",
    );
    const result = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--config',
        'vitest.config.mjs',
        '--reporter=json',
        '--outputFile=report.json',
      ],
      {
        cwd: project,
        encoding: 'utf8',
        timeout: 170_000,
        // Not the outer Vitest's variables: the inner run is a project of its own.
        env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, NODE_ENV: 'test' },
      },
    );
    if (!existsSync(join(project, 'report.json')))
      return [`vitest wrote no report (${result.status}): ${result.stderr}`];
    const report = JSON.parse(readFileSync(join(project, 'report.json'), 'utf8')) as {
      testResults: {
        name: string;
        message?: string;
        assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
      }[];
    };
    const failures: string[] = [];
    for (const file of report.testResults) {
      const block = files.get(file.name.slice(file.name.lastIndexOf('/') + 1));
      const source = block?.source ?? file.name;
      if (file.assertionResults.length === 0) failures.push(`${source}: ${file.message ?? 'no test ran'}`);
      for (const test of file.assertionResults) {
        if (test.status !== 'passed') {
          failures.push(`${source}: ${test.fullName}: ${test.failureMessages.join(' ').split('\n')[0]}`);
        }
      }
    }
    return failures;
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/**
 * Type-checks the blocks as modules of a project in node_modules/ (so `react`, `vitest` and the SDK resolve from the
 * repository's node_modules) whose own node_modules/react-personalize links to the repository root. Returns each
 * error as `file.md:line: message`, the line being the Markdown line.
 */
function typeCheck(blocks: Block[]): string[] {
  const project = createProject('.docs-snippets-');
  try {
    mkdirSync(join(project, 'snippets'));
    const files = new Map<string, Block>();
    blocks.forEach((block, index) => {
      const name = `snippets/block${index}.${block.language}`;
      files.set(name, block);
      writeFileSync(join(project, name), `${block.code}\n`);
    });
    writeFileSync(join(project, 'shims.d.ts'), shims);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          moduleDetection: 'force',
          jsx: 'react-jsx',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node', 'vitest/globals'],
        },
        include: ['shims.d.ts', 'snippets'],
      }),
    );
    const result = spawnSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '-p', project, '--pretty', 'false'],
      { cwd: project, encoding: 'utf8', timeout: 120_000 },
    );
    const errors: string[] = [];
    for (const line of result.stdout.split('\n')) {
      const match = /^(snippets\/[^(]+)\((\d+),\d+\): error (.*)$/.exec(line);
      if (match) {
        const block = files.get(match[1])!;
        const [file, fenceLine] = block.source.split(':');
        errors.push(`${file}:${Number(fenceLine) + Number(match[2])}: ${match[3]}`);
      } else if (/error TS/.test(line)) {
        errors.push(line);
      }
    }
    if (result.status !== 0 && errors.length === 0) errors.push(`tsc exited with ${result.status}: ${result.stderr}`);
    return errors;
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/** GitHub's anchor for a heading: lower case, punctuation but hyphens dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown text's headings (outside code blocks). */
function anchors(text: string): Set<string> {
  const found = new Set<string>();
  let inCode = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    const heading = !inCode && /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) found.add(slug(heading[1]));
  }
  return found;
}

/**
 * Broken relative links of a Markdown file, as `file:line: link`: a file that does not exist, or an anchor that no
 * heading of the target has. A page of docs/ not written yet (other pages link to it ahead of it) is not an error.
 */
function brokenLinks(file: string, text: string): string[] {
  const broken: string[] = [];
  text.split('\n').forEach((line, index) => {
    for (const [, target] of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [path, anchor] = target.split('#');
      const resolved = path ? join(root, dirname(file), path) : join(root, file);
      if (!existsSync(resolved)) {
        if (!(dirname(resolved) === join(root, 'docs') && resolved.endsWith('.md'))) {
          broken.push(`${file}:${index + 1}: ${target}`);
        }
        continue;
      }
      if (anchor && !anchors(readFileSync(resolved, 'utf8')).has(anchor))
        broken.push(`${file}:${index + 1}: ${target}`);
    }
  });
  return broken;
}

describe('the links of README.md and docs/', () => {
  it('point at files that exist and at headings they have', () => {
    const files = documentationFiles();
    expect(files.flatMap((file) => brokenLinks(file, readFileSync(join(root, file), 'utf8')))).toEqual([]);
  });

  it('are checked: a missing file and a missing heading are reported', () => {
    expect(
      brokenLinks('docs/x.md', '[a](../NOPE.md) [b](react.md#no-such-heading) [c](react.md#server-rendering)'),
    ).toEqual(['docs/x.md:1: ../NOPE.md', 'docs/x.md:1: react.md#no-such-heading']);
  });
});

describe('the TypeScript in README.md and docs/', () => {
  const files = documentationFiles();
  const blocks = files.flatMap((file) => extractBlocks(file, readFileSync(join(root, file), 'utf8')));
  let errors: string[];
  let failures: string[];

  beforeAll(() => {
    ensureBuilt();
    errors = typeCheck([...blocks, canary, failingCanary]);
    failures = runTests([...blocks.filter((block) => block.test), failingCanary]);
  }, 360_000);

  it('finds the blocks of README.md and of every page in docs/ but the notes', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/README.md');
    expect(files.some((file) => /notes-/.test(file))).toBe(false);
    expect(blocks.filter((block) => block.source.startsWith('README.md:')).length).toBeGreaterThan(0);
    expect(blocks.length).toBeGreaterThan(files.length);
  });

  it('reports a block that does not type-check at its Markdown line (the canary)', () => {
    expect(errors.filter((error) => error.startsWith('canary.md:'))).toEqual([
      expect.stringMatching(/^canary\.md:4: TS2322: /),
    ]);
  });

  it('type-checks every block in strict mode against the built package', () => {
    expect(errors.filter((error) => !error.startsWith('canary.md:'))).toEqual([]);
  });

  it('reports a test block that fails at its Markdown line (the failing canary)', () => {
    expect(failures.filter((failure) => failure.startsWith('failing-canary.md:'))).toEqual([
      expect.stringMatching(/^failing-canary\.md:1: finds no issue: AssertionError: /),
    ]);
  });

  it('runs every test block (```tsx test) in jsdom against the built package, and each passes', () => {
    expect(blocks.filter((block) => block.test).length).toBeGreaterThan(0);
    expect(failures.filter((failure) => !failure.startsWith('failing-canary.md:'))).toEqual([]);
  });
});

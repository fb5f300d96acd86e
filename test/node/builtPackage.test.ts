// What `npm run build` leaves in dist/, read as a bundler and a type checker would read it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dist = `${repo}dist/`;
const pkg = JSON.parse(readFileSync(`${repo}package.json`, 'utf8'));
const read = (path: string) => readFileSync(path, 'utf8');
const hasDirective = (code: string) => /^(['"])use client\1;/.test(code);

beforeAll(() => {
  if (!existsSync(`${dist}index.js`)) throw new Error('dist/ is missing: run `npm run build` first');
});

const entries = () => readdirSync(dist).filter((name) => /\.c?js$/.test(name));
const chunks = () => readdirSync(`${dist}chunks`).filter((name) => /\.c?js$/.test(name));
/** The source modules esbuild names in a built file (`// src/react/useImpression.ts`). */
const sourcesOf = (code: string) => [
  ...new Set([...code.matchAll(/\/\/ (src\/\S+\.tsx?)$/gm)].map((match) => match[1])),
];

describe("'use client' in dist/", () => {
  it('is on no entry point: each only re-exports, so server code can call what /core exports', () => {
    expect(entries().filter((name) => hasDirective(read(dist + name)))).toEqual([]);
    for (const name of entries()) expect(sourcesOf(read(dist + name)), name).toEqual([]);
  });

  it("is on each chunk whose one source module starts with 'use client', and on no other", () => {
    const wrong: string[] = [];
    for (const name of chunks()) {
      const code = read(`${dist}chunks/${name}`);
      const sources = sourcesOf(code);
      expect(sources, `${name} holds one source module`).toHaveLength(1);
      if (hasDirective(read(repo + sources[0])) !== hasDirective(code)) wrong.push(`${name} (${sources[0]})`);
    }
    expect(wrong).toEqual([]);
  });

  it('is on every built file that imports React', () => {
    const importsReact = /(?:from\s*|require\(\s*)["']react(?:\/[\w-]+)?["']/;
    const missing = chunks().filter((name) => {
      const code = read(`${dist}chunks/${name}`);
      return importsReact.test(code) && !hasDirective(code);
    });
    expect(missing).toEqual([]);
  });

  it('leaves the core (validateEvent, createRecorder, …) in chunks without it', () => {
    const core = chunks().filter((name) => sourcesOf(read(`${dist}chunks/${name}`))[0]?.startsWith('src/core/'));
    expect(core.length).toBeGreaterThan(10);
    expect(core.filter((name) => hasDirective(read(`${dist}chunks/${name}`)))).toEqual([]);
  });
});

describe('types in dist/', () => {
  it('import only relative files, Node built-ins and declared peer dependencies', () => {
    const allowed = new Set([...Object.keys(pkg.peerDependencies ?? {}), ...Object.keys(pkg.dependencies ?? {})]);
    const undeclared: string[] = [];
    for (const name of readdirSync(dist).filter((file) => /\.d\.c?ts$/.test(file))) {
      const code = read(dist + name).replace(/\/\*[\s\S]*?\*\//g, ''); // JSDoc examples import what they like
      for (const [, specifier] of code.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)) {
        if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) continue;
        const packageName = specifier.startsWith('@')
          ? specifier.split('/').slice(0, 2).join('/')
          : specifier.split('/')[0];
        if (!allowed.has(packageName) && !(packageName === 'react' && allowed.has('react'))) {
          undeclared.push(`${name}: ${specifier}`);
        }
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('resolve for every subpath under moduleResolution node10 (typesVersions)', () => {
    const subpaths = Object.keys(pkg.exports).filter((key) => key !== '.' && key !== './package.json');
    const mapped = Object.fromEntries(subpaths.map((key) => [key.slice(2), pkg.typesVersions?.['*']?.[key.slice(2)]]));
    for (const [subpath, targets] of Object.entries(mapped)) {
      expect(targets, `typesVersions has no "${subpath}"`).toEqual([pkg.exports[`./${subpath}`].import.types]);
      expect(existsSync(repo + (targets as string[])[0]), `${subpath}'s types are built`).toBe(true);
    }
  });
});

// The property names the build renames (scripts/internalProps.mjs) are names nothing outside the package reads or
// writes: no public type declares them, no type of the platform or a peer dependency does, no stored or sent JSON
// holds them, and no string in the sources spells them. The built package holds none of them, and stores and sends
// what the sources do.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { internalProps } from '../../scripts/internalProps.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(repo, 'dist');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

beforeAll(() => {
  if (!existsSync(join(dist, 'core.js'))) throw new Error('dist/ is missing: run `npm run build` first');
});

/** Every file below `dir` whose name matches `pattern`, nested node_modules left out. */
function filesIn(dir: string, pattern: RegExp): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') found.push(...filesIn(path, pattern));
    } else if (pattern.test(entry.name)) found.push(path);
  }
  return found;
}

const parse = (path: string) =>
  ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.Unknown);

/** The names a file gives to properties: accessed, declared, in object literals and in destructuring. */
function propertyNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node)) names.add(node.name.text);
    else if (ts.isShorthandPropertyAssignment(node)) names.add(node.name.text);
    else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
      const name = node.propertyName ?? node.name;
      if (ts.isIdentifier(name)) names.add(name.text);
    } else if (
      (ts.isPropertySignature(node) ||
        ts.isMethodSignature(node) ||
        ts.isPropertyAssignment(node) ||
        ts.isPropertyDeclaration(node) ||
        ts.isMethodDeclaration(node) ||
        ts.isGetAccessor(node) ||
        ts.isSetAccessor(node)) &&
      ts.isIdentifier(node.name)
    ) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

/** Every name a declaration file declares (members, globals, exports, namespaces), parameters left out. */
function declaredNames(path: string, into: Set<string>) {
  const visit = (node: ts.Node) => {
    const { name } = node as { name?: ts.Node };
    if (
      name &&
      (ts.isIdentifier(name) || ts.isStringLiteral(name)) &&
      !ts.isParameter(node) &&
      !ts.isTypeParameterDeclaration(node)
    ) {
      into.add(name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false));
}

const sourceFiles = () => filesIn(join(repo, 'src'), /\.tsx?$/);
const listedIn = (names: Set<string>) => internalProps.filter((name) => names.has(name));

describe('internalProps (the property names the build renames)', () => {
  it('are declared by no public type: every word of dist/*.d.ts and *.d.cts', () => {
    const words = new Set<string>();
    for (const path of filesIn(dist, /\.d\.c?ts$/)) {
      for (const [word] of readFileSync(path, 'utf8').matchAll(/[A-Za-z_$][\w$]*/g)) words.add(word);
    }
    expect(words.size).toBeGreaterThan(500);
    expect(words).toContain('inFlight');
    expect(listedIn(words)).toEqual([]);
  });

  it("are declared by no type of the platform or a peer dependency (TypeScript's libraries, Node, React, …)", () => {
    const names = new Set<string>();
    for (const path of filesIn(join(repo, 'node_modules/typescript/lib'), /^lib\..*\.d\.ts$/))
      declaredNames(path, names);
    // A peer's own declarations, else DefinitelyTyped's (React); TanStack Query and the AWS SDK declare their shapes
    // through query-core's and Smithy's.
    const packages = [
      ...Object.keys(pkg.peerDependencies),
      'react-dom',
      'node',
      '@tanstack/query-core',
      '@smithy/types',
    ];
    for (const name of packages) {
      let files = existsSync(join(repo, 'node_modules', name))
        ? filesIn(join(repo, 'node_modules', name), /\.d\.(?:c|m)?ts$/)
        : [];
      if (!files.length)
        files = filesIn(join(repo, 'node_modules/@types', name.replace('@', '').replace('/', '__')), /\.d\.ts$/);
      expect(files.length, `${name} has declaration files`).toBeGreaterThan(0);
      for (const path of files) declaredNames(path, names);
    }
    for (const known of ['keepalive', 'visibilityState', 'useSyncExternalStore', 'PutEventsCommand', 'queryKey']) {
      expect(names).toContain(known);
    }
    expect(listedIn(names)).toEqual([]);
  });

  it('are keys of no JSON the sources store or send (JSON.stringify arguments, JSON.parse results as typed)', () => {
    const program = ts.createProgram(sourceFiles(), {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      jsx: ts.JsxEmit.ReactJSX,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
      types: [],
    });
    const checker = program.getTypeChecker();
    const keys = new Set<string>();
    const seen = new Set<ts.Type>();
    const fromPlatform = (type: ts.Type) =>
      (type.getSymbol()?.getDeclarations() ?? []).some((declaration) =>
        program.isSourceFileDefaultLibrary(declaration.getSourceFile()),
      );
    const collect = (type: ts.Type, at: ts.Node) => {
      if (seen.has(type) || fromPlatform(type)) return;
      seen.add(type);
      if (type.isUnionOrIntersection()) for (const part of type.types) collect(part, at);
      else if (checker.isArrayType(type) || checker.isTupleType(type)) {
        for (const element of checker.getTypeArguments(type as ts.TypeReference)) collect(element, at);
      } else if (type.flags & ts.TypeFlags.Object) {
        for (const property of checker.getPropertiesOfType(type)) {
          keys.add(property.name);
          collect(checker.getTypeOfSymbolAtLocation(property, at), at);
        }
      }
    };
    let calls = 0;
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const callee = node.expression.getText();
        if (callee === 'JSON.stringify' && node.arguments[0]) {
          calls++;
          collect(checker.getTypeAtLocation(node.arguments[0]), node);
        }
        if (callee === 'JSON.parse') {
          calls++;
          let parent = node.parent;
          while (ts.isParenthesizedExpression(parent)) parent = parent.parent;
          if (ts.isAsExpression(parent)) collect(checker.getTypeFromTypeNode(parent.type), node);
          else if (ts.isVariableDeclaration(parent) && parent.type) {
            collect(checker.getTypeFromTypeNode(parent.type), node);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    for (const file of program.getSourceFiles()) {
      if (file.fileName.startsWith(`${repo}src/`.replaceAll('\\', '/'))) visit(file);
    }
    expect(calls).toBeGreaterThan(10);
    // The stored session, the stored attribution, a batch as sent.
    for (const key of ['lastActive', 'entries', 'eventList', 'recordedAt']) expect(keys).toContain(key);
    expect(listedIn(keys)).toEqual([]);
  });

  it("appear in no string of the sources: esbuild leaves `'name' in object` and hand-written JSON keys as they are", () => {
    const words = new Set<string>();
    const visit = (node: ts.Node) => {
      if (
        ts.isStringLiteralLike(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node)
      ) {
        for (const [word] of node.text.matchAll(/[A-Za-z_$][\w$]*/g)) words.add(word);
      }
      ts.forEachChild(node, visit);
    };
    for (const path of sourceFiles()) visit(parse(path));
    // The stored queue's head is written by hand.
    expect(words).toContain('savedAt');
    expect(listedIn(words)).toEqual([]);
  });

  it('each name a property in the sources (an entry left behind by a rename is reported)', () => {
    const names = new Set<string>();
    for (const path of sourceFiles()) for (const name of propertyNames(parse(path))) names.add(name);
    expect(internalProps.filter((name) => !names.has(name))).toEqual([]);
  });

  it('are properties in no built file: the build renamed each of them in every entry and chunk', () => {
    const built = filesIn(dist, /\.c?js$/);
    expect(built.length).toBeGreaterThan(100);
    const left = new Set<string>();
    for (const path of built) for (const name of listedIn(propertyNames(parse(path)))) left.add(name);
    expect([...left]).toEqual([]);
  });
});

/** What one recorder stores, sends, reports and shows, as the sorted set of every key in it, plus the codes. */
async function observe(core: typeof import('../../src/core/index.ts')): Promise<string[]> {
  const memory = () => {
    const data = new Map<string, string>();
    return {
      data,
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => void data.set(key, String(value)),
      removeItem: (key: string) => void data.delete(key),
      get length() {
        return data.size;
      },
      key: (index: number) => [...data.keys()][index] ?? null,
    };
  };
  const storage = memory();
  const tabStorage = memory();
  // A closed tab's queue with an event no longer valid: taken over at start, and reported.
  storage.setItem('react-personalize:queue:gone', JSON.stringify({ savedAt: 0, events: [{ event: { eventId: 1 } }] }));
  const observed = new Set<string>();
  const note = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(note);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        observed.add(key);
        if (key === 'code' || key === 'type') observed.add(`${key}=${inner}`);
        note(inner);
      }
    }
  };
  let answer = 0;
  const fetch = async (_url: unknown, init: RequestInit) => {
    note(JSON.parse(String(init.body)));
    answer++;
    if (answer === 1) return new Response('busy', { status: 503 });
    if (answer === 2) {
      const issues = [{ field: 'eventList[0].itemId', rule: 'too long', message: 'itemId: too long' }];
      return new Response(JSON.stringify({ message: 'invalid', issues }), { status: 400 });
    }
    return new Response('{}', { status: 200 });
  };
  const attribution = core.createAttribution({ eventTypes: ['purchase'] });
  const recorder = core.createRecorder({
    transport: core.createHttpTransport({ url: 'http://127.0.0.1:9/events', fetch: fetch as typeof globalThis.fetch }),
    persistence: storage,
    sessionStorage: tabStorage,
    lifecycle: false,
    locks: false,
    attribution,
    userId: 'user-1',
    batchSize: 2,
    flushInterval: 5,
    retry: { maxAttempts: 3, baseDelay: 1, maxDelay: 2 },
    onError: note,
  });
  recorder.subscribe(note);
  note(recorder.record({ eventType: 'click', itemId: 'sku-1', properties: { color: 'red' } }));
  note(recorder.record({ eventType: 'view', impression: ['sku-1', 'sku-2'], recommendationId: 'rec-1' }));
  note(recorder.record({ eventType: 'purchase', itemId: 'sku-1', eventValue: 3 }));
  note(recorder.record({ eventType: '' }));
  // What is stored while the events wait: the queue is written in a microtask, the session at once.
  await Promise.resolve();
  await Promise.resolve();
  note(recorder.getSnapshot());
  for (const value of [...storage.data.values(), ...tabStorage.data.values()]) {
    // The tab's writer IDs are stored as plain text.
    if (/^[[{]/.test(value)) note(JSON.parse(value));
  }
  // A retryable failure (503), a batch refused as invalid (400, split and rejected), then acknowledged.
  await recorder.flush();
  note(recorder.getSnapshot());
  recorder.identify('user-2');
  await recorder.flush();
  note(recorder.getSnapshot());
  await recorder.close();
  return [...observed].sort();
}

describe('the built recorder (dist/core.js and dist/core.cjs)', () => {
  it('stores, sends, reports and shows the same keys as the sources', async () => {
    const fromSources = await observe(await import('../../src/core/index.ts'));
    // The scenario reaches what is stored, what is sent, errors, activity and the snapshot.
    for (const key of ['savedAt', 'lastActive', 'eventList', 'issues', 'code=storage', 'type=retried', 'inFlight']) {
      expect(fromSources).toContain(key);
    }
    const esm = await import(pathToFileURL(join(dist, 'core.js')).href);
    const cjs = createRequire(import.meta.url)(join(dist, 'core.cjs'));
    expect(await observe(esm)).toEqual(fromSources);
    expect(await observe(cjs)).toEqual(fromSources);
  });
});

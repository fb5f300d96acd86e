// `npm run bench`: builds the package, runs every benchmark in its own process and prints ONE table, each row a
// ratio or a size measured in this run, with its parameters and the single command that reproduces it. The table
// and the machine it ran on go to BENCHMARKS.md.
//   node bench/run.mjs [bundle|breakdown|requests|main-thread|render|scale|servers|delivery …] [--no-build] [--no-write]
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { table } from './lib/report.mjs';
import { root } from './lib/resolvePackage.mjs';

const ALL = ['bundle', 'breakdown', 'requests', 'main-thread', 'render', 'scale', 'servers', 'delivery'];
const chosen = process.argv.slice(2).filter((value) => !value.startsWith('--'));
const benchmarks = chosen.length > 0 ? chosen : ALL;
for (const name of benchmarks) {
  if (!ALL.includes(name)) throw new Error(`bench: unknown benchmark ${name}; one of ${ALL.join(', ')}`);
}

// Build with the package's own tsup config (ESM, no .d.ts) into a private folder: `npm test` rebuilding dist/
// at the same time would otherwise pull the files from under a running benchmark.
if (!process.argv.includes('--no-build')) {
  const outDir = `${root}node_modules/.cache/react-personalize-bench/dist/`;
  console.error(`bench: building the package into ${outDir.slice(root.length)}`);
  const { build } = await import('tsup');
  await build({ outDir, format: ['esm'], dts: false, silent: true });
  // The same post-build steps as `npm run build` (directives, and no bare chunk imports for esbuild to warn about).
  for (const script of ['use-client', 'prune-chunks']) {
    const result = spawnSync(process.execPath, [`${root}scripts/${script}.mjs`, outDir], {
      cwd: root,
      stdio: 'ignore',
    });
    if (result.status !== 0) throw new Error(`bench: scripts/${script}.mjs failed on ${outDir}`);
  }
  process.env.REACT_PERSONALIZE_BENCH_DIST = outDir;
}

/** Runs one benchmark with --json; resolves with its rows, or one row saying why it failed. */
function run(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.error(`bench: ${name} …`);
    const child = spawn(process.execPath, [`${root}bench/${name}.mjs`, '--json'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    // Every benchmark bounds itself; this is the backstop.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10 * 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      console.error(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      const line = stdout.split('\n').find((text) => text.startsWith('@@rows '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('@@rows '.length)));
      else {
        resolve([
          {
            group: name,
            measure: 'did not finish',
            value: `exit code ${code}`,
            params: 'see the error output above',
            command: `node bench/${name}.mjs`,
          },
        ]);
      }
    });
  });
}

const started = Date.now();
const loadBefore = loadavg()[0];
const rows = [];
for (const name of benchmarks) rows.push(...(await run(name)));

const chromium = spawnSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version'], { encoding: 'utf8' });
const machine = [
  `- CPU: ${cpus()[0]?.model ?? 'unknown'}, nproc ${availableParallelism()}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
  `- Node ${process.version}, ${process.platform} ${process.arch}`,
  `- ${(chromium.stdout || 'Chromium: not found').trim().split('\n').pop()}`,
  `- ${new Date().toISOString().slice(0, 10)}, whole run ${Math.round((Date.now() - started) / 1000)} s, load average ${loadBefore.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end (timings are noisy when it is above nproc)`,
].join('\n');
/** The per-unit floor of the first load is a section of its own, after the main table. */
const isFloor = (row) => row.group === 'First-load floor';
const result = table(rows.filter((row) => !isFloor(row)));
const floor = rows.some(isFloor)
  ? `\n## First-load floor, per unit\n\nWhat each source module adds to a typical React app (the imports of .size-limit.json's first row), from\n\`node bench/breakdown.mjs\`: the first load and the total with lazy chunks against the budgets, the summed share of each\ngroup of units with the first load without it, then each module's share (its minified bytes × its file's gzipped ÷\nminified bytes). Why each group is in the first load: [docs/benchmarks.md](docs/benchmarks.md#what-the-first-load-is-made-of).\n\n${table(rows.filter(isFloor))}\n`
  : '';
console.log(`\n${machine}\n\n${result}\n${floor}`);

if (!process.argv.includes('--no-write') && chosen.length === 0) {
  writeFileSync(
    `${root}BENCHMARKS.md`,
    `# Benchmarks

The latest table of \`npm run bench\` (\`node bench/run.mjs\`): every row is a ratio or a size measured in the same
run, with its parameters; each row's command reproduces it alone. See [docs/benchmarks.md](docs/benchmarks.md) for
what each benchmark does.

Machine:

${machine}

${result}
${floor}`,
  );
  console.error('bench: wrote BENCHMARKS.md');
}

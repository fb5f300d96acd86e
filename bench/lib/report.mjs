// Rows of the benchmark table. A sub-benchmark run alone (`node bench/x.mjs`) prints its rows as a table;
// run by bench/run.mjs (`--json`) it prints them as one JSON line that run.mjs collects into the single table.

/**
 * @typedef {object} Row
 * @property {string} group    e.g. 'Bundle', 'Requests per event'
 * @property {string} measure  what is measured, in words
 * @property {string} value    the ratio or size, formatted
 * @property {string} params   the parameters it was measured with
 * @property {string} command  the single command that reproduces it
 */

/** Formats a ratio: 1.0333 → '1.03×'. */
export const ratio = (value) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a');

/** Formats bytes: 4321 → '4.32 kB (4321 B)'. kB = 1000 B, as size-limit counts. */
export const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB (${bytes} B)`;

/** Median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const escapeCell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The rows as one markdown table. */
export function table(rows) {
  const lines = ['| benchmark | measure | value | parameters | reproduce |', '|---|---|---|---|---|'];
  for (const row of rows) {
    lines.push(
      `| ${escapeCell(row.group)} | ${escapeCell(row.measure)} | ${escapeCell(row.value)} | ${escapeCell(row.params)} | \`${escapeCell(row.command)}\` |`,
    );
  }
  return lines.join('\n');
}

/** Prints the rows: one JSON line under bench/run.mjs, a table otherwise. */
export function output(rows) {
  if (process.argv.includes('--json')) process.stdout.write(`\n@@rows ${JSON.stringify(rows)}\n`);
  else console.log(table(rows));
}

/** Reads `--name=value` from the command line, with a default. */
export function arg(name, fallback) {
  const prefix = `--${name}=`;
  const found = process.argv.find((value) => value.startsWith(prefix));
  if (found === undefined) return fallback;
  const value = found.slice(prefix.length);
  return typeof fallback === 'number' ? Number(value) : value;
}

import type { RawAnswer } from './sendRawHttp';

/** One line of {@link printAttackTable}: an attack, what the server answered, and a note after the time. */
export interface AttackLine {
  attack: string;
  answer: Pick<RawAnswer, 'status' | 'bytes' | 'ms'>;
  note?: string;
}

/** Prints the attacks tried on a server as a table of status, answer size and time to answer (never asserted). */
export function printAttackTable(lines: AttackLine[]) {
  const width = Math.max('attack'.length, ...lines.map((line) => line.attack.length)) + 1;
  const rows = lines.map(
    ({ attack, answer, note = '' }) =>
      `${attack.padEnd(width)}${String(answer.status).padEnd(7)}${String(answer.bytes).padStart(8)} B${answer.ms.toFixed(1).padStart(9)} ms${note}`,
  );
  const header = `${'attack'.padEnd(width)}${'status'.padEnd(7)}${'size'.padStart(8)}  ${'time'.padStart(9)}`;
  console.log(`\n${header}\n${rows.join('\n')}`);
}

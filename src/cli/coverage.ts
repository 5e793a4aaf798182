import type { Pack } from '../core/pack/schema';
import { requirePack } from './io';

export const MIN_EXAMPLES = 3;
export const MIN_COUNTER_EXAMPLES = 2;

export const COVERAGE_HELP = `Usage: factcontext coverage [PACK]

Prints, per narrative and language, the number of patterns, examples, counter-examples and guards,
then lists what is missing: a pack language without patterns, fewer than ${MIN_EXAMPLES} examples or fewer than
${MIN_COUNTER_EXAMPLES} counter-examples. Default PACK: packs/belarus-ukraine-troubled-period.json of this package.`;

export interface CoverageRow {
  narrative: string;
  lang: string;
  patterns: number;
  examples: number;
  counterExamples: number;
  guards: number;
}

/** Counts per narrative × pack language, and the gaps a pack author should fill. */
export function coverage(pack: Pack): { rows: CoverageRow[]; missing: string[] } {
  const rows: CoverageRow[] = [];
  const missing: string[] = [];
  for (const n of pack.narratives) {
    for (const lang of pack.languages) {
      const row: CoverageRow = {
        narrative: n.id,
        lang,
        patterns: n.patterns[lang]?.length ?? 0,
        examples: n.examples[lang]?.length ?? 0,
        counterExamples: n.counterExamples[lang]?.length ?? 0,
        guards: n.guards?.[lang]?.length ?? 0,
      };
      rows.push(row);
      const gaps: string[] = [];
      if (!row.patterns) gaps.push('no patterns');
      if (row.examples < MIN_EXAMPLES) gaps.push(`${row.examples}/${MIN_EXAMPLES} examples`);
      if (row.counterExamples < MIN_COUNTER_EXAMPLES)
        gaps.push(`${row.counterExamples}/${MIN_COUNTER_EXAMPLES} counter-examples`);
      if (gaps.length) missing.push(`${n.id} [${lang}]: ${gaps.join(', ')}`);
    }
  }
  return { rows, missing };
}

export function coverageCommand(args: string[], defaultPack: string, out: (s: string) => void): number {
  const pack = requirePack(args[0] ?? defaultPack);
  const { rows, missing } = coverage(pack);
  const header = ['narrative', 'lang', 'patterns', 'examples', 'counter', 'guards'];
  const table = rows.map((r) => [r.narrative, r.lang, r.patterns, r.examples, r.counterExamples, r.guards].map(String));
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((row) => row[c]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  out(line(header));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) out(line(row));
  out('');
  if (missing.length) {
    out(`missing (${missing.length}):`);
    for (const m of missing) out(`  ${m}`);
  } else out('nothing missing');
  return 0;
}

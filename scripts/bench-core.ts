/**
 * Core engine benchmark: throughput on real page text and how scan cost scales with pack size.
 * Run with `npm run bench:core`. Text comes from the largest saved pages in ../shared/corpus/real-pages
 * (generated text when that folder is absent). Synthetic packs of 10–10,000 patterns use multiword
 * sequences, stems, alternatives and gaps; every size is measured in this process after a warm-up, and
 * the median of several runs is compared with the 10-pattern run.
 *
 * Then the matcher with and without its prefilter, side by side in this process, and the first scan in a
 * fresh process (cold code, as on a page's first pass) of the source article and of a real page.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { htmlToBlocks } from '../src/cli/html-blocks';
import { createMatcher } from '../src/core/match';
import { compilePack } from '../src/core/match/compile';
import { createPrefilter } from '../src/core/match/prefilter';
import { packPatterns } from '../src/core/pack/patterns';
import { validatePack } from '../src/core/pack/validate';
import type { Narrative, Pack } from '../src/core/pack/schema';

const ROOT = join(import.meta.dirname, '..');
const SHARED = [join(ROOT, '..', 'shared'), '/work/shared'].find((dir) => existsSync(join(dir, 'corpus')));
const PAGES = SHARED && [join(SHARED, 'corpus', 'real-pages')].find(existsSync);
const ARTICLE = SHARED && [join(SHARED, 'sources', 'belarus-ukraine-troubled-period.txt')].find(existsSync);
/** A typical news article among the saved pages, for the cold first scan. */
const COLD_PAGE = PAGES && [join(PAGES, 'guardian-1.html')].find(existsSync);
const PAGE_COUNT = 60;
const RUNS = 21;
const COLD_RUNS = 15;

/** Deterministic pseudo-random numbers, so every run benchmarks the same packs. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function loadBlocks(): { blocks: string[]; source: string } {
  if (PAGES) {
    const files = readdirSync(PAGES)
      .filter((f) => f.endsWith('.html'))
      .map((f) => join(PAGES, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)
      .slice(0, PAGE_COUNT);
    const blocks = files.flatMap((f) => htmlToBlocks(readFileSync(f, 'utf8')).map((b) => b.text));
    return { blocks, source: `${files.length} largest pages of ${PAGES}` };
  }
  const rnd = random(7);
  const words = ['the', 'government', 'said', 'Belarus', 'Ukraine', 'минск', 'сказал', 'reported', 'економіка', 'news'];
  const blocks = Array.from({ length: 20_000 }, () =>
    Array.from({ length: 40 }, () => words[Math.floor(rnd() * words.length)]).join(' '),
  );
  return { blocks, source: 'generated text (real pages not found)' };
}

const SYLLABLES = 'ka ro mi te su lo va ni pe da gu re zo bi fa ше ло ра ни ку ве до жа бы ту'.split(' ');

function syntheticWord(rnd: () => number): string {
  let w = '';
  const n = 3 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
  return w;
}

/** A realistic-looking pattern: 2–4 parts mixing words, stems, alternatives, an optional and a gap. */
function syntheticPattern(rnd: () => number, common: string[]): string {
  const parts: string[] = [];
  const length = 2 + Math.floor(rnd() * 3);
  for (let i = 0; i < length; i++) {
    const r = rnd();
    if (r < 0.3) parts.push(syntheticWord(rnd));
    else if (r < 0.55) parts.push(`${syntheticWord(rnd).slice(0, 5)}*`);
    else if (r < 0.75) parts.push(`(${syntheticWord(rnd)}|${syntheticWord(rnd).slice(0, 4)}*|${syntheticWord(rnd)})`);
    else if (r < 0.85)
      parts.push(`(${common[Math.floor(rnd() * common.length)]} ${syntheticWord(rnd)}|${syntheticWord(rnd)})`);
    else parts.push(`${common[Math.floor(rnd() * common.length)]}?`);
    if (i < length - 1 && rnd() < 0.2) parts.push(`…{0,${1 + Math.floor(rnd() * 3)}}`);
  }
  if (parts.every((p) => p.endsWith('?') || p.startsWith('…'))) parts.push(syntheticWord(rnd));
  return parts.join(' ');
}

function syntheticPack(patternCount: number): Pack {
  const rnd = random(patternCount);
  const common = ['the', 'of', 'new', 'state', 'said', 'people', 'и', 'в', 'на', 'government'];
  const perNarrative = 20;
  const narratives: Narrative[] = [];
  for (let i = 0; i * perNarrative < patternCount; i++) {
    const count = Math.min(perNarrative, patternCount - i * perNarrative);
    const patterns = Array.from({ length: count }, () => syntheticPattern(rnd, common));
    narratives.push({
      id: `n${i}`,
      title: `Narrative ${i}`,
      claim: 'Synthetic.',
      counterAnalysis: 'Synthetic.',
      keyPoints: [],
      evidence: { status: 'no-evidence', note: 'Synthetic.' },
      quotes: [],
      related: [],
      patterns: { en: patterns.slice(0, count / 2), ru: patterns.slice(count / 2) },
      guards: { en: [`${syntheticWord(rnd)} ${syntheticWord(rnd)}*`] },
      examples: {},
      counterExamples: {},
    });
  }
  const pack: Pack = {
    schemaVersion: 1,
    id: 'synthetic',
    title: 'Synthetic',
    version: '1.0.0',
    languages: ['en', 'ru'],
    source: { title: 'Synthetic', date: null, author: null, url: null },
    narratives,
  };
  const checked = validatePack(pack);
  if (!checked.ok) throw new Error(`synthetic pack is invalid: ${JSON.stringify(checked.issues.slice(0, 3))}`);
  return pack;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Case {
  label: string;
  pack: Pack;
  prefilter?: boolean;
}

interface Result {
  label: string;
  compileMs: number;
  scanMs: number;
  bestMs: number;
  matches: number;
}

/**
 * Measures every case round-robin (case A run 1, case B run 1, …) so that load changes on a shared
 * machine hit all cases alike and the ratios stay meaningful; reports the median per case.
 */
function measure(cases: Case[], blocks: string[]): Result[] {
  const matchers = cases.map((c) => {
    const t0 = performance.now();
    const matcher = createMatcher(c.pack, { fuzzy: process.env.FUZZY !== '0', prefilter: c.prefilter !== false });
    return { matcher, compileMs: performance.now() - t0 };
  });
  const matches = matchers.map(({ matcher }) => {
    let n = 0;
    for (let i = 0; i < 3; i++) n = matcher.scan(blocks).length;
    return n;
  });
  const times: number[][] = cases.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    matchers.forEach(({ matcher }, i) => {
      const t = performance.now();
      matcher.scan(blocks);
      times[i]!.push(performance.now() - t);
    });
  }
  return cases.map((c, i) => ({
    label: c.label,
    compileMs: matchers[i]!.compileMs,
    scanMs: median(times[i]!),
    bestMs: Math.min(...times[i]!),
    matches: matches[i]!,
  }));
}

/**
 * Copies of the blocks as sequential strings (a UTF-16 round trip, so every code unit, lone surrogates
 * too, is kept). The CLI extractor's `trim()` leaves most blocks as slices of the page source; once
 * optimised code has met slices (or concatenations), V8 reads strings one character at a time by a slower
 * generic path, which costs the prefilter's loop up to half its speed. The page engine's blocks are text
 * node data and concatenations of it, so a page sits between the two rows.
 */
function sequential(blocks: readonly string[]): string[] {
  return blocks.map((b) => Buffer.from(b, 'utf16le').toString('utf16le'));
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, c) => (c ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, c) => (c ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

/** Share of the text (UTF-16 units) in blocks the prefilter lets through to the tokeniser. */
function passedShare(pack: Pack, blocks: readonly string[]): number {
  const prefilter = createPrefilter(compilePack(pack, { fuzzy: process.env.FUZZY !== '0' }));
  let passed = 0;
  let total = 0;
  for (const b of blocks) {
    total += b.length;
    if (prefilter.mayMatch(b)) passed += b.length;
  }
  return passed / total;
}

/** What the fresh process runs: compile the pack, read the text, time one scan. */
const COLD_SCRIPT = `
import { readFileSync } from 'node:fs';
import { htmlToBlocks } from './src/cli/html-blocks';
import { createMatcher } from './src/core/match';
const [packFile, textFile, prefilter] = process.argv.slice(2);
const matcher = createMatcher(JSON.parse(readFileSync(packFile, 'utf8')), { prefilter: prefilter === 'on' });
const text = readFileSync(textFile, 'utf8');
const raw = textFile.endsWith('.html') ? htmlToBlocks(text).map((b) => b.text) : text.split(/\\n\\s*\\n/);
const blocks = raw.map((b) => Buffer.from(b, 'utf16le').toString('utf16le'));
// Let background compilation started by compiling the pack finish first, so that it does not compete with
// the scan for the CPU (on a page, the pack is compiled well before the first scan).
await new Promise((resolve) => setTimeout(resolve, 100));
const t0 = performance.now();
const matches = matcher.scan(blocks).length;
const firstMs = performance.now() - t0;
const t1 = performance.now();
matcher.scan(blocks);
const secondMs = performance.now() - t1;
process.stdout.write(JSON.stringify({ firstMs, secondMs, matches, chars: blocks.join('').length }));
`;

interface ColdRun {
  firstMs: number;
  secondMs: number;
  matches: number;
  chars: number;
}

/**
 * The first scan in fresh processes, the matcher bundled as for the extension (esbuild) and run by plain
 * node, with and without the prefilter, alternating so that load on a shared machine hits both alike.
 */
async function coldScans(packFile: string, texts: { label: string; file: string }[]): Promise<string[][]> {
  const out = await build({
    stdin: { contents: COLD_SCRIPT, resolveDir: ROOT, sourcefile: 'cold-scan.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const script = join(tmpdir(), `factcontext-cold-scan-${process.pid}.mjs`);
  writeFileSync(script, out.outputFiles[0]!.text);
  const rows: string[][] = [];
  try {
    for (const { label, file } of texts) {
      const runs: Record<string, ColdRun[]> = { off: [], on: [] };
      for (let r = 0; r < COLD_RUNS; r++)
        for (const mode of ['off', 'on']) {
          const child = spawnSync(process.execPath, [script, packFile, file, mode], { encoding: 'utf8' });
          if (child.status !== 0) throw new Error(`cold scan failed: ${child.stderr}`);
          runs[mode]!.push(JSON.parse(child.stdout) as ColdRun);
        }
      const first = (mode: string) => median(runs[mode]!.map((x) => x.firstMs));
      for (const mode of ['off', 'on']) {
        const list = runs[mode]!;
        rows.push([
          `${label}, prefilter ${mode}`,
          String(list[0]!.chars),
          first(mode).toFixed(2),
          Math.min(...list.map((x) => x.firstMs)).toFixed(2),
          median(list.map((x) => x.secondMs)).toFixed(2),
          (first(mode) / first('off')).toFixed(2),
          String(list[0]!.matches),
        ]);
      }
    }
  } finally {
    rmSync(script, { force: true });
  }
  return rows;
}

const { blocks, source } = loadBlocks();
const megabytes = blocks.reduce((n, b) => n + Buffer.byteLength(b, 'utf8'), 0) / 1e6;
console.log(`text: ${source}: ${blocks.length} blocks, ${megabytes.toFixed(2)} MB (UTF-8)`);
console.log(
  `node ${process.version}, median of ${RUNS} round-robin runs after 3 warm-up runs, ` +
    `load average ${loadavg()[0]!.toFixed(1)} at start\n`,
);

const cases: Case[] = [10, 100, 1_000, 10_000].map((size) => ({
  label: `${size.toLocaleString('en')} patterns`,
  pack: syntheticPack(size),
}));
const realPackFile = join(ROOT, 'packs', 'belarus-ukraine-troubled-period.json');
const realCheck = validatePack(JSON.parse(readFileSync(realPackFile, 'utf8')));
let realPack: Case | null = null;
if (realCheck.ok) {
  const patterns = packPatterns(realCheck.pack).filter((p) => !p.guard).length;
  realPack = { label: `real pack (${patterns} patterns)`, pack: realCheck.pack };
  cases.push(realPack);
} else console.log(`(real pack skipped: ${realCheck.issues[0]?.path}: ${realCheck.issues[0]?.message})`);

const results = measure(cases, blocks);
const baseline = results[0]!.scanMs;
const bestBaseline = results[0]!.bestMs;
printTable(
  ['pack', 'compile ms', 'scan ms (median)', 'MB/s', 'vs 10 (median)', 'vs 10 (fastest run)', 'matches'],
  results.map((r) => [
    r.label,
    r.compileMs.toFixed(1),
    r.scanMs.toFixed(1),
    (megabytes / (r.scanMs / 1000)).toFixed(1),
    (r.scanMs / baseline).toFixed(2),
    (r.bestMs / bestBaseline).toFixed(2),
    String(r.matches),
  ]),
);

// The prefilter: each pack with it and without it, round-robin in this process; the real pack also on
// sequential copies of the blocks, as the page engine's blocks are.
console.log('\nprefilter: the same matcher with it and without it (matches are identical)\n');
const seqBlocks = sequential(blocks);
const pairs = cases.flatMap((c) => [c, { ...c, prefilter: false }]);
const pairResults = measure(pairs, blocks);
const rows: string[][] = [];
const pairRow = (label: string, on: Result, off: Result, share: number) => [
  label,
  off.scanMs.toFixed(1),
  on.scanMs.toFixed(1),
  (megabytes / (off.scanMs / 1000)).toFixed(1),
  (megabytes / (on.scanMs / 1000)).toFixed(1),
  (off.scanMs / on.scanMs).toFixed(2),
  `${(100 * share).toFixed(1)} %`,
  on.matches === off.matches ? String(on.matches) : `${on.matches} ≠ ${off.matches}`,
];
for (let i = 0; i < cases.length; i++)
  rows.push(
    pairRow(cases[i]!.label, pairResults[2 * i]!, pairResults[2 * i + 1]!, passedShare(cases[i]!.pack, blocks)),
  );
if (realPack) {
  const [on, off] = measure([realPack, { ...realPack, prefilter: false }], seqBlocks);
  rows.push(pairRow(`${realPack.label}, sequential strings`, on!, off!, passedShare(realPack.pack, seqBlocks)));
}
printTable(
  ['pack', 'without ms', 'with ms', 'MB/s without', 'MB/s with', 'speed-up', 'text tokenised', 'matches'],
  rows,
);

if (ARTICLE && realPack) {
  const texts = [{ label: 'source article', file: ARTICLE }];
  if (COLD_PAGE) texts.push({ label: 'guardian-1.html', file: COLD_PAGE });
  console.log(`\ncold first scan: a fresh node process per run, median of ${COLD_RUNS} (real pack)\n`);
  printTable(
    ['text', 'chars', 'first scan ms', 'fastest', 'second scan ms', 'vs off', 'matches'],
    await coldScans(realPackFile, texts),
  );
} else console.log('\n(cold first scan skipped: ../shared or the real pack not found)');

/**
 * Core engine benchmark: throughput on real page text and how scan cost scales with pack size.
 * Run with `npm run bench:core`. Text comes from the largest saved pages in ../shared/corpus/real-pages
 * (generated text when that folder is absent). Synthetic packs of 10–10,000 patterns use multiword
 * sequences, stems, alternatives and gaps; every size is measured in this process after a warm-up, and
 * the median of several runs is compared with the 10-pattern run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { htmlToBlocks } from '../src/cli/html-blocks';
import { createMatcher } from '../src/core/match';
import { packPatterns } from '../src/core/pack/patterns';
import { validatePack } from '../src/core/pack/validate';
import type { Narrative, Pack } from '../src/core/pack/schema';

const ROOT = join(import.meta.dirname, '..');
const PAGES = [join(ROOT, '..', 'shared', 'corpus', 'real-pages'), '/work/shared/corpus/real-pages'].find(existsSync);
const PAGE_COUNT = 60;
const RUNS = 21;

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
    const matcher = createMatcher(c.pack, process.env.FUZZY === '0' ? { fuzzy: false } : {});
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
if (realCheck.ok) {
  const patterns = packPatterns(realCheck.pack).filter((p) => !p.guard).length;
  cases.push({ label: `real pack (${patterns} patterns)`, pack: realCheck.pack });
} else console.log(`(real pack skipped: ${realCheck.issues[0]?.path}: ${realCheck.issues[0]?.message})`);

const results = measure(cases, blocks);
const baseline = results[0]!.scanMs;
const bestBaseline = results[0]!.bestMs;
const rows = results.map((r) => [
  r.label,
  r.compileMs.toFixed(1),
  r.scanMs.toFixed(1),
  (megabytes / (r.scanMs / 1000)).toFixed(1),
  (r.scanMs / baseline).toFixed(2),
  (r.bestMs / bestBaseline).toFixed(2),
  String(r.matches),
]);

const header = ['pack', 'compile ms', 'scan ms (median)', 'MB/s', 'vs 10 (median)', 'vs 10 (fastest run)', 'matches'];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
const line = (cells: string[]) =>
  `| ${cells.map((cell, c) => (c ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w, c) => (c ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
for (const r of rows) console.log(line(r));

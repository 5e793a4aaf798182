import { normalizeText } from '../normalize/normalize';

/**
 * Parser for the pattern language in docs/packs.md. A pattern is parsed once, then expanded into plain
 * sequences (multi-token alternatives and optionals multiplied out) so the matcher only ever verifies
 * flat lists of token tests and gaps.
 */

export type Element =
  | { kind: 'word'; value: string }
  | { kind: 'stem'; value: string }
  /** A group of single-token alternatives, `(kyiv|kiev|київ*)`: kept as one element, not multiplied out. */
  | { kind: 'any'; words: string[]; stems: string[] }
  | { kind: 'gap'; min: number; max: number };

export type Sequence = Element[];

/** A syntax error; the message is what the pack author sees after the pattern's path. */
export class PatternError extends Error {
  override name = 'PatternError';
}

export const MAX_GAP = 8;
export const MIN_STEM = 3;
/** Alternatives multiply; this bound keeps a single pattern from compiling into thousands of sequences. */
export const MAX_EXPANSIONS = 2048;

type Node =
  | { kind: 'word' | 'stem'; value: string; optional: boolean }
  | { kind: 'gap'; min: number; max: number; optional: false }
  | { kind: 'group'; alternatives: Node[][]; optional: boolean };

type Lexeme =
  { t: 'word' | 'stem'; value: string } | { t: 'gap'; min: number; max: number } | { t: '(' | ')' | '|' | '?' };

/**
 * Lexemes: a word (letters, marks and digits, with an apostrophe allowed between two of them, as in
 * page text) with its stem `*` if any, a gap (`...` is what NFKC makes of `…`) with its `{m,n}` or just
 * the `{` of a malformed one, or a syntax character; whatever lies between is punctuation that separates
 * tokens. One native `match` lists them all, so no loop runs per character.
 */
const LEXEMES = /[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*\*?|\.\.\.(?:\{\s*\d+\s*,\s*\d+\s*\}|\{)?|[()|?*{}]/gu;
/**
 * The same for text made only of printable ASCII and Cyrillic letters, as patterns nearly always
 * are: there the word class is exactly `FAST_WORD_UNIT` (a unit test checks it), and a regular
 * expression without Unicode property classes costs far less to compile on the first page load.
 */
export const FAST_WORD_UNIT = /[A-Za-z0-9\u0400-\u0481\u048a-\u04ff]/;
const FAST_LEXEMES =
  /[A-Za-z0-9\u0400-\u0481\u048a-\u04ff]+(?:'[A-Za-z0-9\u0400-\u0481\u048a-\u04ff]+)*\*?|\.\.\.(?:\{\s*\d+\s*,\s*\d+\s*\}|\{)?|[()|?*{}]/g;
const OUTSIDE_FAST = /[^\x20-\x7e\u0400-\u0481\u048a-\u04ff]/;
const GAP = /^\.\.\.\{\s*(\d+)\s*,\s*(\d+)\s*\}$/;

function lex(source: string): Lexeme[] {
  const text = normalizeText(source);
  const found = text.match(OUTSIDE_FAST.test(text) ? LEXEMES : FAST_LEXEMES);
  const out: Lexeme[] = [];
  if (!found) return out;
  for (let i = 0; i < found.length; i++) {
    const lexeme = found[i]!;
    const ch = lexeme[0]!;
    if (ch === '.') {
      let min = 0;
      let max = 3;
      if (lexeme.length > 3) {
        const g = GAP.exec(lexeme);
        if (!g) throw new PatternError('malformed gap: expected "…{m,n}" with two numbers');
        min = Number(g[1]);
        max = Number(g[2]);
        if (min > max) throw new PatternError(`gap {${min},${max}}: the minimum exceeds the maximum`);
        if (max > MAX_GAP) throw new PatternError(`gap {${min},${max}}: at most ${MAX_GAP} tokens may be skipped`);
      }
      out.push({ t: 'gap', min, max });
    } else if (ch === '(' || ch === ')' || ch === '|' || ch === '?') {
      out.push({ t: ch });
    } else if (ch === '*') {
      throw new PatternError('"*" must directly follow a word (a stem like "tank*")');
    } else if (ch === '{' || ch === '}') {
      throw new PatternError(`unexpected "${ch}" (a gap is written "…{m,n}")`);
    } else if (lexeme.charCodeAt(lexeme.length - 1) === 0x2a) {
      const value = lexeme.slice(0, -1);
      // A string of n code units holds at least n / 2 code points.
      if (value.length < 2 * MIN_STEM && [...value].length < MIN_STEM)
        throw new PatternError(`stem "${value}*" is too short (a stem needs ≥ ${MIN_STEM} characters)`);
      out.push({ t: 'stem', value });
    } else out.push({ t: 'word', value: lexeme });
  }
  return out;
}

function parse(lexemes: Lexeme[]): Node[][] {
  let pos = 0;
  const parseAlternatives = (depth: number): Node[][] => {
    const alternatives: Node[][] = [[]];
    while (pos < lexemes.length) {
      const lx = lexemes[pos++]!;
      const current = alternatives[alternatives.length - 1]!;
      if (lx.t === '(') {
        const inner = parseAlternatives(depth + 1);
        current.push({ kind: 'group', alternatives: inner, optional: false });
      } else if (lx.t === ')') {
        if (depth === 0) throw new PatternError('unbalanced ")"');
        return checkAlternatives(alternatives);
      } else if (lx.t === '|') {
        alternatives.push([]);
      } else if (lx.t === '?') {
        const last = current[current.length - 1];
        if (!last) throw new PatternError('"?" must follow a word or a group');
        if (last.kind === 'gap') throw new PatternError('"?" cannot follow a gap (a gap can already be empty)');
        if (last.optional) throw new PatternError('"??": a token is marked optional twice');
        last.optional = true;
      } else if (lx.t === 'gap') {
        current.push({ kind: 'gap', min: lx.min, max: lx.max, optional: false });
      } else {
        const word = lx as { t: 'word' | 'stem'; value: string };
        current.push({ kind: word.t, value: word.value, optional: false });
      }
    }
    if (depth > 0) throw new PatternError('unbalanced "("');
    return checkAlternatives(alternatives);
  };
  if (lexemes.length === 0) throw new PatternError('empty pattern: it has no word');
  return parseAlternatives(0);
}

function checkAlternatives(alternatives: Node[][]): Node[][] {
  if (alternatives.some((a) => a.length === 0))
    throw new PatternError(
      alternatives.length > 1 ? 'empty alternative (use "?" for an optional part)' : 'empty group "()"',
    );
  return alternatives;
}

/**
 * A group whose alternatives are all single words or stems becomes one `any` element. Without this,
 * a pattern of four such groups of ten would expand into 10,000 sequences.
 */
function singleTokenSet(alternatives: Node[][]): Sequence[] | null {
  const words: string[] = [];
  const stems: string[] = [];
  for (let a = 0; a < alternatives.length; a++) {
    const alternative = alternatives[a]!;
    const node = alternative[0];
    if (alternative.length !== 1 || !node || node.optional || (node.kind !== 'word' && node.kind !== 'stem'))
      return null;
    const list = node.kind === 'word' ? words : stems;
    if (!list.includes(node.value)) list.push(node.value);
  }
  if (words.length + stems.length === 1)
    return [[words.length ? { kind: 'word', value: words[0]! } : { kind: 'stem', value: stems[0]! }]];
  return [[{ kind: 'any', words, stems }]];
}

const TOO_MANY = `too many alternatives: expands to more than ${MAX_EXPANSIONS} sequences`;

/**
 * Multiplies out groups and optionals, with a bound, into flat element lists. Every returned list is a
 * new array; lists share their element objects. (Indexed loops: this runs before the code is optimised,
 * where `for … of` and spreads allocate an iterator result per step.)
 */
function expand(alternatives: Node[][]): Sequence[] {
  const out: Sequence[] = [];
  for (let a = 0; a < alternatives.length; a++) {
    const alternative = alternatives[a]!;
    let partial: Sequence[] = [[]];
    for (let k = 0; k < alternative.length; k++) {
      const node = alternative[k]!;
      let options: Sequence[];
      if (node.kind === 'group') options = singleTokenSet(node.alternatives) ?? expand(node.alternatives);
      else if (node.kind === 'gap') options = [[{ kind: 'gap', min: node.min, max: node.max }]];
      else options = [[{ kind: node.kind, value: node.value }]];
      if (node.optional) options.push([]);
      if (partial.length * options.length > MAX_EXPANSIONS) throw new PatternError(TOO_MANY);
      const next: Sequence[] = [];
      for (let i = 0; i < partial.length; i++)
        for (let j = 0; j < options.length; j++) next.push(partial[i]!.concat(options[j]!));
      partial = next;
    }
    for (let i = 0; i < partial.length; i++) out.push(partial[i]!);
    if (out.length > MAX_EXPANSIONS) throw new PatternError(TOO_MANY);
  }
  return out;
}

/** Merges neighbouring gaps and drops gaps at either end (they cannot change what a match covers). */
function tidy(sequence: Sequence): Sequence {
  const n = sequence.length;
  let plain = n === 0 || (sequence[0]!.kind !== 'gap' && sequence[n - 1]!.kind !== 'gap');
  for (let i = 1; plain && i < n; i++)
    if (sequence[i]!.kind === 'gap' && sequence[i - 1]!.kind === 'gap') plain = false;
  // Expansion builds a new array for every sequence, so one that needs no change is kept as it is.
  if (plain) return sequence;
  const out: Sequence = [];
  for (let i = 0; i < n; i++) {
    const el = sequence[i]!;
    const last = out[out.length - 1];
    if (el.kind === 'gap' && last?.kind === 'gap')
      out[out.length - 1] = { ...last, min: last.min + el.min, max: last.max + el.max };
    else out.push(el);
  }
  while (out[0]?.kind === 'gap') out.shift();
  while (out[out.length - 1]?.kind === 'gap') out.pop();
  return out;
}

/** One element in pattern notation. */
function formatElement(e: Element): string {
  if (e.kind === 'gap') return `…{${e.min},${e.max}}`;
  if (e.kind === 'stem') return `${e.value}*`;
  if (e.kind === 'any') return `(${[...e.words, ...e.stems.map((s) => `${s}*`)].join('|')})`;
  return e.value;
}

/** Writes a sequence back in pattern notation (for de-duplication, tests and messages). */
export function formatSequence(sequence: Sequence): string {
  return sequence.map(formatElement).join(' ');
}

/** Parses a pattern into its distinct sequences; throws PatternError with a reader-facing message. */
export function compilePattern(source: string): Sequence[] {
  const tree = parse(lex(source));
  const raws = expand(tree);
  if (raws.length === 1) {
    const sequence = tidy(raws[0]!);
    if (!sequence.some((e) => e.kind !== 'gap'))
      throw new PatternError('the pattern can match without any word: every alternative needs a required token');
    return [sequence];
  }
  // Sequences share their element objects, so each element is written out once for the de-duplication key.
  const formatted = new Map<Element, string>();
  const seen = new Set<string>();
  const sequences: Sequence[] = [];
  for (let r = 0; r < raws.length; r++) {
    const sequence = tidy(raws[r]!);
    let key = '';
    let required = false;
    for (let i = 0; i < sequence.length; i++) {
      const e = sequence[i]!;
      if (e.kind !== 'gap') required = true;
      let text = formatted.get(e);
      if (text === undefined) formatted.set(e, (text = formatElement(e)));
      key = i ? `${key} ${text}` : text;
    }
    if (!required)
      throw new PatternError('the pattern can match without any word: every alternative needs a required token');
    if (!seen.has(key)) {
      seen.add(key);
      sequences.push(sequence);
    }
  }
  return sequences;
}

/** Returns the syntax error message for a pattern, or null when it compiles. */
export function patternError(source: string): string | null {
  try {
    compilePattern(source);
    return null;
  } catch (err) {
    if (err instanceof PatternError) return err.message;
    throw err;
  }
}

import type { Language } from '../pack/schema';

/** One match inside one text block, in UTF-16 offsets of the block's original text. */
export interface Match {
  /** Index of the block in the array given to `scan`. */
  block: number;
  start: number;
  end: number;
  /** The original text of the block between start and end. */
  text: string;
  /** Every narrative whose pattern matched this span; the first is the primary one. */
  narrativeIds: string[];
  /** Language of the pattern that matched. */
  lang: Language;
  /** The pattern source, as written in the pack ("why highlighted"). */
  pattern: string;
}

export interface Matcher {
  /**
   * Finds narrative phrases in text blocks. Deterministic; matches are sorted by block then start,
   * and never overlap within a block.
   */
  scan(blocks: readonly string[]): Match[];
  /**
   * The sieve (sieve.ts): a regular expression (flag `g`) that finds, in any text holding a block, a place
   * inside that block wherever `scan` could match in it. The page reads its text natively with it and only
   * walks the blocks around the places found. Null when there is none: every block must be scanned.
   */
  sieve(): RegExp | null;
  /**
   * For a matcher whose anchor index is loaded on demand (a page reads a stored pack's second part only
   * where a block passes the prefilter): a promise that settles once the part is in, when some of `blocks`
   * need it and it is not in yet; else null. Callers await it before `scan`ning those blocks; it never
   * rejects (a part that cannot be loaded leaves the blocks that need it unmatched, and is reported where it
   * is loaded). Absent on matchers that hold everything they need.
   */
  pending?(blocks: readonly string[]): Promise<void> | null;
}

/**
 * A text read as consecutive pieces (an element's `textContent`, a text node's data, the stretches between
 * cut-out style sheets…), searched window by window without joining the pieces into one string.
 *
 * Joining copies every character once more, in one call that can't be interrupted: on wikipedia-2 (493,418
 * characters read in 423 pieces) `join('')` took 3–15 ms in the page, as long as reading the text
 * natively, and the generated 5 M-character page would join 5 million characters at once. Here a window
 * that lies inside one long piece is a slice of it (no copy); only the text around the seams between long
 * pieces, and runs of short pieces, are joined, one window at a time.
 */
export class PieceText {
  /** The whole text's length. */
  readonly length: number;
  private readonly pieces: readonly string[];
  /** Where each piece ends in the whole text. */
  private readonly ends: number[];
  /** The piece the last lookup found: windows move forwards, so the next lookup starts there. */
  private cursor = 0;

  constructor(pieces: readonly string[]) {
    this.pieces = pieces;
    this.ends = new Array<number>(pieces.length);
    let end = 0;
    for (let i = 0; i < pieces.length; i++) this.ends[i] = end += pieces[i]!.length;
    this.length = end;
  }

  /** The index of the piece holding offset `at` (0 ≤ at < length): the first whose end is past it. */
  private pieceAt(at: number): number {
    const ends = this.ends;
    let k = this.cursor;
    if (k > 0 && ends[k - 1]! > at) k = 0;
    while (ends[k]! <= at) k++;
    this.cursor = k;
    return k;
  }

  private startOf(k: number): number {
    return k === 0 ? 0 : this.ends[k - 1]!;
  }

  /** The text from `from` to `to` (clamped to the text): a slice of one piece when it lies inside it. */
  slice(from: number, to: number): string {
    to = Math.min(to, this.length);
    if (from >= to) return '';
    const k = this.pieceAt(from);
    const start = this.startOf(k);
    const ends = this.ends;
    if (to <= ends[k]!) return this.pieces[k]!.slice(from - start, to - start);
    let out = this.pieces[k]!.slice(from - start);
    for (let j = k + 1; ends[j - 1]! < to; j++) out += this.pieces[j]!.slice(0, to - ends[j - 1]!);
    return out;
  }

  /**
   * Where a window of the search that starts at `pos` ends: the search takes the places starting in
   * [pos, end) and reads `overlap` characters past `end`, so that a match starting before `end` is read
   * whole. In a piece of at least `inPlaceMin` characters a window stays `overlap` short of the piece's end,
   * so that what it reads lies inside the piece; elsewhere it ends where such a piece starts. No window is
   * wider than `width`, and each ends past `pos` (at the text's length when `pos` is there).
   */
  windowEnd(pos: number, width: number, overlap: number, inPlaceMin: number): number {
    const n = this.length;
    if (pos >= n) return n;
    const ends = this.ends;
    const k = this.pieceAt(pos);
    if (ends[k]! - this.startOf(k) >= inPlaceMin && pos < ends[k]! - overlap)
      return Math.min(pos + width, ends[k]! - overlap);
    const end = Math.min(n, pos + width);
    for (let j = k + 1; j < ends.length && ends[j - 1]! < end; j++)
      if (ends[j]! - ends[j - 1]! >= inPlaceMin) return ends[j - 1]!;
    return end;
  }
}

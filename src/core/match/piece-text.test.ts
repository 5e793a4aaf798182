import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pack } from '../pack/schema';
import { PieceText } from './piece-text';
import { matcherFromPrecompiled, precompilePack } from './precompiled';
import { findPlaces } from './sieve';

const pack = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../packs/belarus-ukraine-troubled-period.json'), 'utf8'),
) as Pack;
const sieve = matcherFromPrecompiled(precompilePack(pack), pack).sieve()!;

/** Pieces of text: mostly short, some long, some empty, with letters that the sieve's keys are made of. */
const pieces = fc.array(
  fc.oneof(
    fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'Б', 'é'), maxLength: 12 }),
    fc.string({ unit: fc.constantFrom('x', 'y', ' ', '.'), minLength: 30, maxLength: 90 }),
  ),
  { maxLength: 25 },
);

/** The windows a search over `text` makes from the start, as [start, end) pairs. */
function windows(text: PieceText, width: number, overlap: number, inPlaceMin: number): [number, number][] {
  const out: [number, number][] = [];
  for (let pos = 0; pos < text.length;) {
    const end = text.windowEnd(pos, width, overlap, inPlaceMin);
    out.push([pos, end]);
    pos = end;
  }
  return out;
}

/** Where each piece starts and ends in the joined text. */
function spans(list: readonly string[]): [number, number][] {
  let at = 0;
  return list.map((p) => [at, (at += p.length)]);
}

describe('PieceText', () => {
  it('slices as the joined text does, across any number of pieces', () => {
    fc.assert(
      fc.property(pieces, fc.nat(), fc.nat(), (list, a, b) => {
        const joined = list.join('');
        const text = new PieceText(list);
        expect(text.length).toBe(joined.length);
        const from = a % (joined.length + 1);
        const to = from + (b % (joined.length - from + 2));
        expect(text.slice(from, to)).toBe(joined.slice(from, to));
        // Backwards after forwards: the cursor that speeds up forward lookups must not get in the way.
        expect(text.slice(0, to)).toBe(joined.slice(0, to));
      }),
    );
  });

  it('cuts the text into windows no wider than asked, each inside a long piece or ending where one starts', () => {
    fc.assert(
      fc.property(pieces, fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 8 }), (list, width, overlap) => {
        const inPlaceMin = 30;
        const text = new PieceText(list);
        const long = spans(list).filter(([s, e]) => e - s >= inPlaceMin);
        const ws = windows(text, width, overlap, inPlaceMin);
        // In order, without gaps, to the end.
        expect(ws.every(([s, e], i) => e > s && e - s <= width && s === (i === 0 ? 0 : ws[i - 1]![1]))).toBe(true);
        if (text.length > 0) expect(ws[ws.length - 1]![1]).toBe(text.length);
        for (const [s, e] of ws) {
          const inside = long.find(([ls, le]) => s >= ls && s < le - overlap);
          // What a window in a long piece reads, overlap included, lies in that piece: a slice, not a copy.
          if (inside) expect(e + overlap).toBeLessThanOrEqual(inside[1]);
          // Any other window stops at the start of the next long piece.
          else expect(long.every(([ls]) => ls <= s || ls >= e)).toBe(true);
        }
      }),
    );
  });

  it('lets the sieve find exactly the places it finds in the joined text, keys across seams included', () => {
    const words = ['Lukashenka', 'Belarusian tanks', 'FSB agents', 'Wagner', 'мобилизация', 'NATO'];
    const chunk = fc.oneof(
      fc.constantFrom(...words),
      fc.string({ unit: fc.constantFrom('q', 'z', ' ', '\n'), maxLength: 40 }),
    );
    // A text made of words and filler, then cut anywhere into pieces (a word may be cut in several).
    const cutText = fc
      .tuple(fc.array(chunk, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 20 }))
      .map(([chunks, cutAt]) => {
        const joined = chunks.join('');
        const cuts = [...new Set(cutAt.map((c) => c % (joined.length + 1)))].sort((a, b) => a - b);
        return [0, ...cuts].map((c, i) => joined.slice(c, cuts[i] ?? joined.length));
      });
    fc.assert(
      fc.property(
        cutText,
        fc.integer({ min: 8, max: 64 }),
        fc.integer({ min: 1, max: 40 }),
        (list, width, inPlaceMin) => {
          const overlap = 24;
          const joined = list.join('');
          const text = new PieceText(list);
          const places: number[] = [];
          for (const [s, e] of windows(text, width, overlap, inPlaceMin))
            for (const p of findPlaces(sieve, text.slice(s, e + overlap), e - s)) places.push(s + p);
          expect(places).toEqual(findPlaces(sieve, joined));
        },
      ),
    );
  });
});

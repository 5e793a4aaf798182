// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Matcher } from '../../core/match';
import { matcherFromPrecompiled, precompilePack } from '../../core/match/precompiled';
import type { Pack } from '../../core/pack/schema';
import { createPageEngine } from '.';
import { useHighlightApiStandIn } from './test-highlight-api';

/**
 * A block longer than a chunk is matched only around the places the sieve finds in it. With the real pack,
 * its sieve and its matcher, that must find exactly what matching the whole text at once finds.
 */

useHighlightApiStandIn();

const pack = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../packs/belarus-ukraine-troubled-period.json'), 'utf8'),
) as Pack;
const matcher = matcherFromPrecompiled(precompilePack(pack), pack);
const unsieved: Matcher = { scan: (blocks) => matcher.scan(blocks), sieve: () => null };

/** The pack's examples that match on their own. */
const examples = pack.narratives
  .flatMap((n) => Object.values(n.examples ?? {}).flat())
  .filter((t): t is string => typeof t === 'string' && matcher.scan([t]).length > 0);
const filler =
  'The council met on Tuesday to discuss the budget, the new bridge and the state of the roads in the north. ' +
  'Officials said the plan would be ready by spring; critics called it late. Прогноз погоды на выходные: дождь. ';

/** What the engine should find: the whole text matched at once, overlaps kept by their first start. */
function expectedMatches(text: string): string[] {
  const out: string[] = [];
  let end = -1;
  for (const m of [...matcher.scan([text])].sort((a, b) => a.start - b.start)) {
    if (m.start < end) continue;
    out.push(`${m.start}-${m.end} ${m.narrativeIds.join(',')} ${m.pattern}`);
    end = m.end;
  }
  return out;
}

afterEach(() => {
  performance.clearMeasures();
  document.body.innerHTML = '';
});

/**
 * What the engine highlights in a paragraph holding `text`, as one text node or cut in two at `cut` (then
 * the finder keeps no places for it, and each chunk is sieved again).
 */
async function engineMatches(
  text: string,
  m: Matcher,
  cut = 0,
): Promise<{ found: string[]; matchedChars: number; sievedChars: number }> {
  performance.clearMeasures();
  document.body.innerHTML = '<p></p>';
  const p = document.querySelector('p')!;
  if (cut > 0) p.append(text.slice(0, cut), text.slice(cut));
  else p.append(text);
  const offsetIn = (node: Node, offset: number) => (node === p.firstChild ? 0 : cut) + offset;
  const engine = createPageEngine({ doc: document, pack, matcher: m });
  try {
    engine.start();
    for (let i = 0; i < 500 && !performance.getEntriesByName('factcontext:scan').length; i++)
      await new Promise((r) => setTimeout(r, 5));
    const detail = (performance.getEntriesByName('factcontext:scan')[0] as PerformanceMeasure).detail as {
      matchedChars: number;
      sievedChars: number;
    };
    const found = engine
      .occurrences()
      .map(
        (o) =>
          `${offsetIn(o.range.startContainer, o.range.startOffset)}-${offsetIn(o.range.endContainer, o.range.endOffset)} ${o.narratives.map((n) => n.id).join(',')} ${o.pattern}`,
      );
    return { found, matchedChars: detail.matchedChars, sievedChars: detail.sievedChars };
  } finally {
    engine.stop();
  }
}

describe('a long text block', () => {
  it('has examples to work with', () => {
    expect(examples.length).toBeGreaterThan(100);
    expect(matcher.sieve()).not.toBeNull();
  });

  it('is matched around the sieve’s places and gives what matching it whole gives', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            fill: fc.integer({ min: 0, max: 8_000 }),
            example: fc.integer({ min: 0, max: examples.length - 1 }),
            glue: fc.constantFrom(' ', ', ', '. ', ' — ', '\n', ''),
          }),
          { minLength: 2, maxLength: 12 },
        ),
        fc.constantFrom(0, 1, 777, 16_400),
        async (pieces, cut) => {
          let text = '';
          for (const { fill, example, glue } of pieces) {
            text += filler.repeat(Math.ceil(fill / filler.length)).slice(0, fill) + glue + examples[example] + glue;
          }
          while (text.length <= 20_000) text += filler;
          const expected = expectedMatches(text);
          const sieved = await engineMatches(text, matcher, cut);
          expect(sieved.found).toEqual(expected);
          // Most of the text is filler: far less of it reaches the matcher than is there.
          expect(sieved.matchedChars).toBeLessThan(text.length);
          if (cut) expect(sieved.sievedChars).toBeGreaterThanOrEqual(text.length);
          else expect(sieved.sievedChars).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('without a sieve is matched chunk by chunk and gives the same', async () => {
    let text = '';
    for (let i = 0; i < 30; i++) text += filler.repeat(i % 7) + examples[(i * 37) % examples.length] + ' ';
    while (text.length <= 40_000) text += filler;
    const whole = await engineMatches(text, unsieved);
    expect(whole.matchedChars).toBeGreaterThanOrEqual(text.length);
    expect(whole.found).toEqual(expectedMatches(text));
    const sieved = await engineMatches(text, matcher);
    expect(sieved.found).toEqual(whole.found);
    expect(sieved.matchedChars).toBeLessThan(whole.matchedChars);
  }, 60_000);
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PACK_FILE, bundledPackModule } from '../../modules/bundled-pack';
import { createMatcher } from '../../src/core/match';
import { matcherFromPrecompiled, type PrecompiledIndex } from '../../src/core/match/precompiled';
import type { Pack } from '../../src/core/pack/schema';

const pack = JSON.parse(readFileSync(resolve(import.meta.dirname, '../..', BUNDLED_PACK_FILE), 'utf8')) as Pack;

/** Evaluates the generated module the way the bundle does: as an ES module. */
async function load(source: string): Promise<{ pack: Pack; index: PrecompiledIndex }> {
  const file = join(mkdtempSync(join(tmpdir(), 'fc-bundled-')), 'bundled-pack.mjs');
  writeFileSync(file, source);
  return (await import(pathToFileURL(file).href)) as { pack: Pack; index: PrecompiledIndex };
}

describe('the bundled pack module', () => {
  it('is two JSON.parse calls: the pack without its examples, and its index', async () => {
    const source = bundledPackModule(pack);
    expect(source.match(/= JSON\.parse\(/g)).toHaveLength(2);
    const loaded = await load(source);
    expect(loaded.pack.narratives.map((n) => n.id)).toEqual(pack.narratives.map((n) => n.id));
    expect(loaded.pack.narratives.every((n) => !Object.keys(n.examples).length)).toBe(true);
    expect(loaded.pack.narratives[3]!.counterAnalysis).toBe(pack.narratives[3]!.counterAnalysis);
    expect(JSON.stringify(loaded.pack).length).toBeLessThan(JSON.stringify(pack).length * 0.9);
  });

  it('matches every example and counter-example exactly as the full pack compiled on the spot', async () => {
    const loaded = await load(bundledPackModule(pack));
    const texts = pack.narratives.flatMap((n) =>
      [n.examples, n.counterExamples].flatMap((byLang) => Object.values(byLang).flatMap((l) => l ?? [])),
    );
    const expected = createMatcher(pack).scan(texts);
    expect(expected.length).toBeGreaterThan(100);
    expect(matcherFromPrecompiled(loaded.index, loaded.pack).scan(texts)).toEqual(expected);
  });
});

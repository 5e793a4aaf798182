import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PACK_FILE, bundledPackData, bundledSieveSource } from '../../modules/bundled-pack';
import { createMatcher } from '../../src/core/match';
import { matcherFromPrecompiled, matcherFromPrecompiledParts } from '../../src/core/match/precompiled';
import { findPlaces, sieveExpression } from '../../src/core/match/sieve';
import { paddedForSieve } from '../../src/content/title';
import type { Pack } from '../../src/core/pack/schema';
import { parseBundledBody, parseBundledHead, splitBundledPack } from '../../src/storage/bundled-pack';

const pack = JSON.parse(readFileSync(resolve(import.meta.dirname, '../..', BUNDLED_PACK_FILE), 'utf8')) as Pack;

describe('the bundled pack data the build writes', () => {
  it('holds the pack without its examples and its index, as JSON text a page parses back', () => {
    const data = bundledPackData(pack);
    const stored = JSON.parse(JSON.stringify(splitBundledPack(data)));
    const loaded = { index: parseBundledHead(stored.head, data.id), ...parseBundledBody(stored.body, data.id) };
    expect(loaded.pack.narratives.map((n) => n.id)).toEqual(pack.narratives.map((n) => n.id));
    expect(loaded.pack.narratives.every((n) => !Object.keys(n.examples).length)).toBe(true);
    expect(loaded.pack.narratives[3]!.counterAnalysis).toBe(pack.narratives[3]!.counterAnalysis);
    expect(data.pack.length).toBeLessThan(JSON.stringify(pack).length * 0.9);
    // The anchor tables travel apart from the index, so that parsing the index does not go through them.
    expect(JSON.parse(data.index).tables).toBeUndefined();
    expect(Object.values(data.tables).every((part) => typeof part === 'string' && part.length > 0)).toBe(true);
    expect(loaded.tables).toEqual(data.tables);
  });

  it('matches every example and counter-example exactly as the full pack compiled on the spot', async () => {
    const data = bundledPackData(pack);
    const head = parseBundledHead(data, data.id);
    const body = parseBundledBody(data, data.id);
    const texts = pack.narratives.flatMap((n) =>
      [n.examples, n.counterExamples].flatMap((byLang) => Object.values(byLang).flatMap((l) => l ?? [])),
    );
    const expected = createMatcher(pack).scan(texts);
    expect(expected.length).toBeGreaterThan(100);
    expect(matcherFromPrecompiled({ ...head, tables: body.tables }, body.pack).scan(texts)).toEqual(expected);
    // As a page does: the body loaded once a block passes the prefilter.
    const parts = matcherFromPrecompiledParts(head, async () => body);
    await parts.pending!(texts);
    expect(parts.scan(texts)).toEqual(expected);
  });

  it('has an id that names the pack and changes with any change to its data, and only then', () => {
    const data = bundledPackData(pack);
    expect(data.id.startsWith(`${pack.id}@${pack.version}#`)).toBe(true);
    expect(bundledPackData(structuredClone(pack)).id).toBe(data.id);
    const edited = structuredClone(pack);
    edited.narratives[0]!.counterAnalysis = 'Changed.';
    expect(bundledPackData(edited).id).not.toBe(data.id);
    const examplesOnly = structuredClone(pack);
    examplesOnly.narratives[0]!.examples = { en: ['An example the page never sees.'] };
    // Examples serve the build-time check only: pages get neither them nor a new copy for them.
    expect(bundledPackData(examplesOnly)).toEqual(data);
  });

  it('gives the content script the index’s own sieve, which finds a place in every example', () => {
    const data = bundledPackData(pack);
    const source = bundledSieveSource(data);
    expect(source).toBe(JSON.parse(data.index).sieve);
    const sieve = sieveExpression(source!);
    const examples = pack.narratives.flatMap((n) => Object.values(n.examples).flatMap((l) => l ?? []));
    expect(examples.length).toBeGreaterThan(50);
    expect(examples.filter((text) => findPlaces(sieve, text).length === 0)).toEqual([]);
    // The padding a page's title gets before the sieve searches it is never a place.
    expect(findPlaces(sieve, paddedForSieve(''))).toEqual([]);
    expect(findPlaces(sieve, paddedForSieve('Belarusian tanks'))).toEqual([0]);
    expect(
      bundledSieveSource({ ...data, index: JSON.stringify({ ...JSON.parse(data.index), sieve: null }) }),
    ).toBeNull();
  });
});

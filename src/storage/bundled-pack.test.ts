import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BundledPackError, parseBundledPack, storeBundledPack, type BundledPackData } from './bundled-pack';
import { startEarlyReads, type StorageAreas } from './early-reads';
import { recordStorageReads } from './test-reads';
import { BUNDLED_PACK_KEY } from './keys';
import { readForPageLoad } from './page-load';

beforeEach(() => fakeBrowser.reset());

const pack = { id: 'p', version: '1.0.0', narratives: [{ id: 'n' }] };
const index = { format: 7, packId: 'p' };
const tables = { elements: '', sequences: '', exact: '[]', stems: '[]', fuzzyWords: '[]' };
const data: BundledPackData = { id: 'p@1.0.0#abc', pack: JSON.stringify(pack), index: JSON.stringify(index), tables };

const problem = (value: unknown, id = data.id) => {
  try {
    parseBundledPack(value, id);
  } catch (err) {
    if (err instanceof BundledPackError) return [err.problem, err.message];
    throw err;
  }
  return null;
};

describe('the stored copy of the bundled pack', () => {
  it('gives back the pack and index of this build', () => {
    expect(parseBundledPack(data, data.id)).toEqual({ pack, index: { ...index, tables } });
  });

  it('names what is wrong with a copy it cannot use', () => {
    expect(problem(undefined)).toEqual(['missing', 'no copy of the bundled pack is stored']);
    expect(problem(data, 'p@1.0.1#def')).toEqual([
      'stale',
      'the stored copy of the bundled pack is p@1.0.0#abc, not p@1.0.1#def',
    ]);
    expect(problem('a string')?.[0]).toBe('damaged');
    expect(problem({ ...data, index: 42 })?.[0]).toBe('damaged');
    expect(problem({ ...data, tables: null })?.[0]).toBe('damaged');
    expect(problem({ ...data, pack: '{"narratives": [' })).toEqual([
      'damaged',
      'the stored copy of the bundled pack is not JSON',
    ]);
    expect(problem({ ...data, pack: '{"narratives": 3}' })).toEqual([
      'damaged',
      'the stored copy of the bundled pack is malformed',
    ]);
    expect(problem({ ...data, index: 'null' })?.[0]).toBe('damaged');
  });

  it('is read by a page load together with the imported packs, in the same storage.local call', async () => {
    await storeBundledPack(data);
    expect(await fakeBrowser.storage.local.get(BUNDLED_PACK_KEY)).toEqual({ [BUNDLED_PACK_KEY]: data });
    const reads = recordStorageReads().local;
    const page = readForPageLoad();
    expect(await page.bundledPack()).toEqual(data);
    expect(await page.importedPacks).toEqual([]);
    expect(reads).toEqual([['importedPacks', 'bundledPack']]);
  });

  it('is read in a frame other than the top one only when asked for, and once', async () => {
    await storeBundledPack(data);
    const reads = recordStorageReads().local;
    const frame = readForPageLoad(undefined, undefined, false);
    expect(await frame.importedPacks).toEqual([]);
    expect(reads).toEqual([['importedPacks']]);
    expect(await frame.bundledPack()).toEqual(data);
    expect(await frame.bundledPack()).toEqual(data);
    expect(reads).toEqual([['importedPacks'], 'bundledPack']);
    // So does the document_start read there.
    startEarlyReads(fakeBrowser.storage as unknown as StorageAreas, {}, false);
    startEarlyReads(fakeBrowser.storage as unknown as StorageAreas, {}, true);
    expect(reads.slice(2)).toEqual([['importedPacks'], ['importedPacks', 'bundledPack']]);
  });
});

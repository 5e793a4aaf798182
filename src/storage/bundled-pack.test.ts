import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  BundledPackError,
  parseBundledBody,
  parseBundledHead,
  splitBundledPack,
  storeBundledPack,
  type BundledPackData,
} from './bundled-pack';
import { readBundledCopy } from './bundled-copy';
import { grantSessionAccessLevel, recordStorageReads, revokeSessionAccessLevel } from './test-reads';
import { BUNDLED_PACK_BODY_KEY, BUNDLED_PACK_KEY, OLD_BUNDLED_SIEVE_KEY } from './keys';
import { readForPageLoad } from './page-load';

beforeEach(() => fakeBrowser.reset());

afterEach(revokeSessionAccessLevel);

const pack = { id: 'p', version: '1.0.0', narratives: [{ id: 'n' }] };
const index = { format: 7, packId: 'p', sieve: '\\bbelarus' };
const tables = { elements: '', sequences: '', exact: '[]', stems: '[]', fuzzyWords: '[]' };
const data: BundledPackData = { id: 'p@1.0.0#abc', pack: JSON.stringify(pack), index: JSON.stringify(index), tables };

const { head, body } = splitBundledPack(data);
/** Both items, as storage keeps them. */
const items = { [BUNDLED_PACK_KEY]: head, [BUNDLED_PACK_BODY_KEY]: body };

const problem = (part: 'head' | 'body', value: unknown, id = data.id) => {
  try {
    if (part === 'head') parseBundledHead(value, id);
    else parseBundledBody(value, id);
  } catch (err) {
    if (err instanceof BundledPackError) return [err.problem, err.message];
    throw err;
  }
  return null;
};

describe('the stored copy of the bundled pack', () => {
  it('is kept as a head (the index) and a body (the pack and the anchor tables), each parsed back', () => {
    expect(head).toEqual({ id: data.id, index: data.index });
    expect(body).toEqual({ id: data.id, pack: data.pack, tables });
    expect(parseBundledHead(head, data.id)).toEqual(index);
    expect(parseBundledBody(body, data.id)).toEqual({ pack, tables });
    // The whole copy, as the background sends it, holds both.
    expect(parseBundledHead(data, data.id)).toEqual(index);
    expect(parseBundledBody(data, data.id)).toEqual({ pack, tables });
  });

  it('names what is wrong with a part it cannot use', () => {
    expect(problem('head', undefined)).toEqual(['missing', 'no copy of the bundled pack is stored']);
    expect(problem('body', undefined)).toEqual(['missing', 'no copy of the bundled pack’s body is stored']);
    expect(problem('head', head, 'p@1.0.1#def')).toEqual([
      'stale',
      'the stored copy of the bundled pack is p@1.0.0#abc, not p@1.0.1#def',
    ]);
    expect(problem('body', body, 'p@1.0.1#def')).toEqual([
      'stale',
      'the stored copy of the bundled pack’s body is p@1.0.0#abc, not p@1.0.1#def',
    ]);
    expect(problem('head', 'a string')?.[0]).toBe('damaged');
    expect(problem('head', { ...head, index: 42 })?.[0]).toBe('damaged');
    expect(problem('head', { ...head, index: '[1]' })).toEqual([
      'damaged',
      'the stored copy of the bundled pack is malformed',
    ]);
    expect(problem('head', { ...head, index: 'null' })?.[0]).toBe('damaged');
    expect(problem('head', { ...head, index: '{"format":' })).toEqual([
      'damaged',
      'the stored copy of the bundled pack is not JSON',
    ]);
    expect(problem('body', { ...body, tables: null })?.[0]).toBe('damaged');
    expect(problem('body', { ...body, pack: '{"narratives": [' })).toEqual([
      'damaged',
      'the stored copy of the bundled pack’s body is not JSON',
    ]);
    expect(problem('body', { ...body, pack: '{"narratives": 3}' })).toEqual([
      'damaged',
      'the stored copy of the bundled pack’s body is malformed',
    ]);
    // A head is not a body, nor a body a head.
    expect(problem('body', head)?.[0]).toBe('damaged');
    expect(problem('head', body)?.[0]).toBe('damaged');
  });

  it('is stored in storage.session, and a page load reads each part only when asked for, and once', async () => {
    grantSessionAccessLevel();
    expect(await storeBundledPack(data)).toBe('session');
    expect(await fakeBrowser.storage.session.get(null)).toEqual(items);
    const reads = recordStorageReads();
    const page = readForPageLoad();
    expect(await page.importedPacks).toEqual([]);
    // The copy is read only when asked for (the sieve found a place on the page).
    expect(reads.session).toEqual([]);
    expect(await page.bundledPack()).toEqual(head);
    expect(await page.bundledPack()).toEqual(head);
    expect(reads.session).toEqual([[BUNDLED_PACK_KEY]]);
    // The body only when asked for in turn (a block passed the prefilter).
    expect(await page.bundledPackBody()).toEqual(body);
    expect(await page.bundledPackBody()).toEqual(body);
    expect(reads.session).toEqual([[BUNDLED_PACK_KEY], [BUNDLED_PACK_BODY_KEY]]);
    expect(reads.local).toEqual([['importedPacks']]);
  });

  it('replaces a copy that earlier versions kept in storage.local, so that it is not left on disk', async () => {
    await fakeBrowser.storage.local.set({
      [BUNDLED_PACK_KEY]: { ...data, id: 'p@0.9.0#old' },
      [OLD_BUNDLED_SIEVE_KEY]: { id: 'p@0.9.0#old', sieve: null },
      importedPacks: [],
    });
    const session = grantSessionAccessLevel();
    await fakeBrowser.storage.session.set({ [OLD_BUNDLED_SIEVE_KEY]: { id: 'p@0.9.0#old', sieve: null } });
    await storeBundledPack(data);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ importedPacks: [] });
    expect(await fakeBrowser.storage.session.get(null)).toEqual(items);
    // Where the copy stays in storage.local, the sieve earlier versions kept beside it goes all the same.
    session.setAccessLevel.mockRejectedValueOnce(new Error('not allowed'));
    await fakeBrowser.storage.local.set({ [OLD_BUNDLED_SIEVE_KEY]: { id: 'p@0.9.0#old', sieve: null } });
    expect(await storeBundledPack(data)).toBe('local');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ importedPacks: [], ...items });
  });

  it('stays in storage.local, and is read from there, where content scripts may not read storage.session', async () => {
    // No setAccessLevel (the session area is then for the extension's own pages only).
    expect(await storeBundledPack(data)).toBe('local');
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    // A browser that refuses it.
    const session = grantSessionAccessLevel();
    session.setAccessLevel.mockRejectedValueOnce(new Error('not allowed'));
    expect(await storeBundledPack(data)).toBe('local');
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(await fakeBrowser.storage.local.get([BUNDLED_PACK_KEY, BUNDLED_PACK_BODY_KEY])).toEqual(items);
    const reads = recordStorageReads();
    const page = readForPageLoad();
    expect(await page.bundledPack()).toEqual(head);
    expect(await page.bundledPackBody()).toEqual(body);
    // The session area is asked first, and has none.
    expect(reads.session).toEqual([[BUNDLED_PACK_KEY], [BUNDLED_PACK_BODY_KEY]]);
    expect(reads.local).toEqual([['importedPacks'], [BUNDLED_PACK_KEY], [BUNDLED_PACK_BODY_KEY]]);
  });
});

describe('reading the copy (readBundledCopy)', () => {
  const copy = { [BUNDLED_PACK_KEY]: head, [BUNDLED_PACK_BODY_KEY]: body };
  const area = (get: (keys: string[]) => Promise<Record<string, unknown>>) => ({ get: vi.fn(get) });
  const none = async () => ({});

  it('takes the session copy and does not read storage.local then', async () => {
    const areas = { local: area(async () => copy), session: area(async () => copy) };
    expect(await readBundledCopy(areas, BUNDLED_PACK_KEY)).toEqual(head);
    expect(await readBundledCopy(areas, BUNDLED_PACK_BODY_KEY)).toEqual(body);
    expect(areas.session.get.mock.calls).toEqual([[[BUNDLED_PACK_KEY]], [[BUNDLED_PACK_BODY_KEY]]]);
    expect(areas.local.get).not.toHaveBeenCalled();
  });

  it('falls back to storage.local when the session area has none, rejects, throws, or is missing', async () => {
    const local = () => area(async () => copy);
    const sessions = [
      area(none),
      area(() => Promise.reject(new Error('Access to storage is not allowed from this context.'))),
      area(() => {
        throw new Error('not allowed');
      }),
      undefined,
    ];
    for (const session of sessions) {
      const areas = { local: local(), session };
      expect(await readBundledCopy(areas, BUNDLED_PACK_BODY_KEY)).toEqual(body);
      expect(areas.local.get).toHaveBeenCalledWith([BUNDLED_PACK_BODY_KEY]);
    }
  });

  it('gives undefined when neither area has a copy, and rejects when storage.local cannot be read', async () => {
    expect(await readBundledCopy({ local: area(none), session: area(none) }, BUNDLED_PACK_KEY)).toBeUndefined();
    const broken = area(() => Promise.reject(new Error('storage is gone')));
    await expect(readBundledCopy({ local: broken, session: area(none) }, BUNDLED_PACK_KEY)).rejects.toThrow(
      'storage is gone',
    );
  });
});

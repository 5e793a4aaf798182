import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Matcher } from '../core/match';
import type { BundledPackData } from '../storage/bundled-pack';
import { loadBundledMatching, loadBundledPack } from './bundled-pack';

const ID = 'p@1.0.0#abc';
const copy = (name: string, id = ID): BundledPackData => ({
  id,
  pack: JSON.stringify({ id: 'p', name, narratives: [] }),
  index: '{"format":7}',
  tables: { elements: '', sequences: '', exact: '[]', stems: '[]', fuzzyWords: '[]' },
});
const matcherFor = (label: string) => ({ label }) as unknown as Matcher;

afterEach(() => vi.restoreAllMocks());

function sources(stored: unknown, fresh: unknown = copy('from the background')) {
  const ask = vi.fn(async () => fresh);
  const makeMatcher = vi.fn(({ pack }: { pack: { name: string } }) => matcherFor(pack.name));
  return {
    ask,
    makeMatcher,
    load: () =>
      loadBundledPack({
        id: ID,
        stored: () => (stored instanceof Error ? Promise.reject(stored) : Promise.resolve(stored)),
        ask,
        makeMatcher: makeMatcher as never,
      }),
  };
}

describe('loading the bundled pack on a page', () => {
  it('uses the stored copy of this build without asking the background', async () => {
    const s = sources(copy('stored'));
    const { pack, matcher } = await s.load();
    expect((pack as unknown as { name: string }).name).toBe('stored');
    expect(matcher).toEqual(matcherFor('stored'));
    expect(s.ask).not.toHaveBeenCalled();
  });

  it('measures parsing the copy and making its matcher, up to the matcher’s first wait', async () => {
    performance.clearMeasures();
    const s = sources(copy('stored'));
    let called = 0;
    let returned = 0;
    let release = () => {};
    s.makeMatcher.mockImplementationOnce(((bundled: { pack: { name: string } }) => {
      called = performance.now();
      returned = called + 5;
      while (performance.now() < returned);
      return new Promise<Matcher>((resolve) => {
        release = () => resolve(matcherFor(bundled.pack.name));
      });
    }) as never);
    const loading = s.load();
    await new Promise((r) => setTimeout(r, 20));
    const released = performance.now();
    release();
    await loading;
    const [load, ...more] = performance.getEntriesByName('factcontext:matcher-load');
    expect(more).toEqual([]);
    // From before the copy is parsed until the matcher's first wait, not to the end of that wait.
    expect(load!.startTime).toBeLessThanOrEqual(called);
    expect(load!.startTime + load!.duration).toBeGreaterThanOrEqual(returned);
    expect(load!.startTime + load!.duration).toBeLessThan(released);
    // A copy that must be replaced: both attempts are counted.
    performance.clearMeasures();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await sources({ ...copy('x'), pack: '{' }).load();
    expect(performance.getEntriesByName('factcontext:matcher-load')).toHaveLength(2);
  });

  it('asks the background, quietly, when there is no copy yet or only the last build’s', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const stored of [undefined, copy('old', 'p@0.9.0#old')]) {
      const s = sources(stored);
      expect((await s.load()).matcher).toEqual(matcherFor('from the background'));
      expect(s.ask).toHaveBeenCalledTimes(1);
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it('replaces a damaged copy, an unreadable storage or a copy no matcher can be made of, with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const damaged = [{ ...copy('x'), pack: '{' }, new Error('storage is corrupt')];
    for (const stored of damaged) {
      const s = sources(stored);
      expect((await s.load()).matcher).toEqual(matcherFor('from the background'));
    }
    const s = sources(copy('unusable'));
    s.makeMatcher.mockImplementationOnce(() => {
      throw new Error('no matcher');
    });
    expect((await s.load()).matcher).toEqual(matcherFor('from the background'));
    expect(s.makeMatcher).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('fails with the reason when the background cannot help either', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(sources(undefined, null).load()).rejects.toThrow('no copy of the bundled pack is stored');
    await expect(sources(undefined, copy('other', 'p@2.0.0#new')).load()).rejects.toThrow('not p@1.0.0#abc');
  });
});

describe('the bundled pack’s matching on a page: its sieve first, the pack when needed', () => {
  function matchingSources(sieve: RegExp | null, stored: unknown = copy('stored')) {
    const read = vi.fn(async () => stored);
    const ask = vi.fn(async () => copy('from the background'));
    const makeMatcher = vi.fn(({ pack }: { pack: { name: string } }) => matcherFor(pack.name));
    const matching = () => loadBundledMatching({ id: ID, sieve, stored: read, ask, makeMatcher: makeMatcher as never });
    return { read, ask, makeMatcher, matching };
  }

  it('gives the sieve without reading the copy, and loads the pack once when asked', async () => {
    const s = matchingSources(/belarus/g);
    const m = await s.matching();
    expect(m.sieve).toEqual(/belarus/g);
    expect(m.loaded).toBeNull();
    expect(s.read).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([m.load(), m.load()]);
    expect(a).toBe(b);
    expect(a.matcher).toEqual(matcherFor('stored'));
    expect(s.read).toHaveBeenCalledTimes(1);
    expect(s.makeMatcher).toHaveBeenCalledTimes(1);
    expect(s.ask).not.toHaveBeenCalled();
  });

  it('loads the pack at once where there is no sieve, asking the background for a stale copy', async () => {
    const s = matchingSources(null);
    const m = await s.matching();
    expect(m.sieve).toBeNull();
    expect(m.loaded?.matcher).toEqual(matcherFor('stored'));
    expect(await m.load()).toBe(m.loaded);
    expect(s.read).toHaveBeenCalledTimes(1);
    const stale = matchingSources(null, copy('stale', 'p@0.9.0#old'));
    expect((await stale.matching()).loaded?.matcher).toEqual(matcherFor('from the background'));
    expect(stale.ask).toHaveBeenCalledTimes(1);
  });

  it('fails when the pack is needed at once and can be had from nowhere', async () => {
    const s = matchingSources(null, null);
    s.ask.mockResolvedValueOnce(null as never);
    await expect(s.matching()).rejects.toThrow('no copy of the bundled pack is stored');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Matcher } from '../core/match';
import type { PrecompiledBody } from '../core/match/precompiled';
import type { BundledPackData } from '../storage/bundled-pack';
import { splitBundledPack } from '../storage/bundled-pack';
import { loadBundledMatching, loadBundledPack, type BundledPackSources } from './bundled-pack';

const ID = 'p@1.0.0#abc';
/** A whole copy, as the background sends it; `name` is in its index (the head) and in its pack (the body). */
const copy = (name: string, id = ID): BundledPackData => ({
  id,
  pack: JSON.stringify({ id: 'p', name, narratives: [] }),
  index: JSON.stringify({ format: 8, name }),
  tables: { elements: '', sequences: '', exact: '[]', stems: '[]', fuzzyWords: '[]' },
});
const headOf = (data: BundledPackData) => splitBundledPack(data).head;
const bodyOf = (data: BundledPackData) => splitBundledPack(data).body;
/** A stand-in matcher naming the head it was made from, holding the body loader it was given. */
const matcherFor = (label: string) => ({ label }) as unknown as Matcher;
const nameOf = (pack: unknown) => (pack as { name: string }).name;

afterEach(() => vi.restoreAllMocks());

const reading = (stored: unknown) => () => (stored instanceof Error ? Promise.reject(stored) : Promise.resolve(stored));

function sources(stored: { head?: unknown; body?: unknown }, fresh: unknown = copy('from the background')) {
  const ask = vi.fn(async () => fresh);
  const storedHead = vi.fn(reading(stored.head));
  const storedBody = vi.fn(reading(stored.body));
  let loadBody: () => Promise<PrecompiledBody> = () => Promise.reject(new Error('no matcher made'));
  const makeMatcher = vi.fn((head: { name: string }, body: () => Promise<PrecompiledBody>) => {
    loadBody = body;
    return matcherFor(head.name);
  });
  const given: BundledPackSources = { id: ID, stored: storedHead, storedBody, ask, makeMatcher: makeMatcher as never };
  return { ask, storedHead, storedBody, makeMatcher, load: () => loadBundledPack(given), body: () => loadBody() };
}

const both = (data: BundledPackData) => ({ head: headOf(data), body: bodyOf(data) });

describe('loading the bundled pack on a page', () => {
  it('uses the stored head of this build, and reads the body only when the matcher needs it', async () => {
    const s = sources(both(copy('stored')));
    const loaded = await s.load();
    expect(loaded.matcher).toEqual(matcherFor('stored'));
    expect(s.storedBody).not.toHaveBeenCalled();
    expect(() => loaded.pack).toThrow('before its body is loaded');
    const [a, b] = await Promise.all([s.body(), s.body()]);
    expect(a).toBe(b);
    expect(nameOf(a.pack)).toBe('stored');
    expect(a.tables).toEqual(copy('stored').tables);
    expect(nameOf(loaded.pack)).toBe('stored');
    expect(nameOf(await loaded.loadPack())).toBe('stored');
    expect(s.storedHead).toHaveBeenCalledTimes(1);
    expect(s.storedBody).toHaveBeenCalledTimes(1);
    expect(s.ask).not.toHaveBeenCalled();
  });

  it('loads the body when the pack is asked for first', async () => {
    const s = sources(both(copy('stored')));
    const loaded = await s.load();
    expect(nameOf(await loaded.loadPack())).toBe('stored');
    expect(s.storedBody).toHaveBeenCalledTimes(1);
    expect(nameOf((await s.body()).pack)).toBe('stored');
    expect(s.storedBody).toHaveBeenCalledTimes(1);
  });

  it('measures parsing each part and making the matcher, up to the matcher’s first wait', async () => {
    performance.clearMeasures();
    const s = sources(both(copy('stored')));
    let called = 0;
    let returned = 0;
    let release = () => {};
    s.makeMatcher.mockImplementationOnce(((head: { name: string }) => {
      called = performance.now();
      returned = called + 5;
      while (performance.now() < returned);
      return new Promise<Matcher>((resolve) => {
        release = () => resolve(matcherFor(head.name));
      });
    }) as never);
    const loading = s.load();
    await new Promise((r) => setTimeout(r, 20));
    const released = performance.now();
    release();
    await loading;
    const [load, ...more] = performance.getEntriesByName('factcontext:matcher-load');
    expect(more).toEqual([]);
    // From before the head is parsed until the matcher's first wait, not to the end of that wait.
    expect(load!.startTime).toBeLessThanOrEqual(called);
    expect(load!.startTime + load!.duration).toBeGreaterThanOrEqual(returned);
    expect(load!.startTime + load!.duration).toBeLessThan(released);
    // The body, parsed when it comes, is measured on its own.
    performance.clearMeasures();
    const loaded = await sources(both(copy('x'))).load();
    await loaded.loadPack();
    expect(performance.getEntriesByName('factcontext:matcher-load')).toHaveLength(2);
    // A copy that must be replaced: both attempts are counted.
    performance.clearMeasures();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await sources({ head: { ...headOf(copy('x')), index: '{' } }).load();
    expect(performance.getEntriesByName('factcontext:matcher-load')).toHaveLength(2);
  });

  it('asks the background, quietly, when there is no copy yet or only the last build’s', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const stored of [{}, both(copy('old', 'p@0.9.0#old'))]) {
      const s = sources(stored);
      const loaded = await s.load();
      expect(loaded.matcher).toEqual(matcherFor('from the background'));
      // The body comes from the same answer: neither storage nor the background is asked again.
      expect(nameOf(await loaded.loadPack())).toBe('from the background');
      expect(s.storedBody).not.toHaveBeenCalled();
      expect(s.ask).toHaveBeenCalledTimes(1);
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it('asks the background for a body that is missing, stale or damaged, warning only for a damaged one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const bodies = [undefined, bodyOf(copy('old', 'p@0.9.0#old')), { ...bodyOf(copy('x')), pack: '{"narratives":' }];
    for (const body of bodies) {
      const s = sources({ head: headOf(copy('stored')), body });
      const loaded = await s.load();
      expect(loaded.matcher).toEqual(matcherFor('stored'));
      expect(nameOf(await loaded.loadPack())).toBe('from the background');
      expect(s.ask).toHaveBeenCalledTimes(1);
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![1])).toMatch(/body is not JSON/);
  });

  it('replaces a damaged head, an unreadable storage or a head no matcher can be made of, with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const damaged = [{ head: { ...headOf(copy('x')), index: '{' } }, { head: new Error('storage is corrupt') }];
    for (const stored of damaged) {
      const s = sources(stored);
      expect((await s.load()).matcher).toEqual(matcherFor('from the background'));
    }
    const s = sources(both(copy('unusable')));
    s.makeMatcher.mockImplementationOnce(() => {
      throw new Error('no matcher');
    });
    expect((await s.load()).matcher).toEqual(matcherFor('from the background'));
    expect(s.makeMatcher).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('fails with the reason when the background cannot help either', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(sources({}, null).load()).rejects.toThrow('no copy of the bundled pack is stored');
    await expect(sources({}, copy('other', 'p@2.0.0#new')).load()).rejects.toThrow('not p@1.0.0#abc');
  });

  it('reports a body it cannot get once, and the matcher and the pack’s readers are told', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const s = sources({ head: headOf(copy('stored')) }, null);
    const loaded = await s.load();
    await expect(s.body()).rejects.toThrow('no copy of the bundled pack’s body is stored');
    await expect(loaded.loadPack()).rejects.toThrow('body is stored');
    expect(() => loaded.pack).toThrow('before its body is loaded');
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]![0])).toMatch(/body could not be loaded/);
  });
});

describe('the bundled pack’s matching on a page: its sieve first, the pack when needed', () => {
  function matchingSources(sieve: RegExp | null, stored: { head?: unknown; body?: unknown } = both(copy('stored'))) {
    const s = sources(stored);
    const matching = () =>
      loadBundledMatching({
        id: ID,
        sieve,
        stored: s.storedHead,
        storedBody: s.storedBody,
        ask: s.ask,
        makeMatcher: s.makeMatcher as never,
      });
    return { ...s, matching };
  }

  it('gives the sieve without reading the copy, and loads the matcher once when asked', async () => {
    const s = matchingSources(/belarus/g);
    const m = await s.matching();
    expect(m.sieve).toEqual(/belarus/g);
    expect(m.loaded).toBeNull();
    expect(s.storedHead).not.toHaveBeenCalled();
    const [a, b] = await Promise.all([m.load(), m.load()]);
    expect(a).toBe(b);
    expect(a.matcher).toEqual(matcherFor('stored'));
    expect(s.storedHead).toHaveBeenCalledTimes(1);
    expect(s.storedBody).not.toHaveBeenCalled();
    expect(s.makeMatcher).toHaveBeenCalledTimes(1);
    expect(s.ask).not.toHaveBeenCalled();
  });

  it('loads the matcher and its pack at once where there is no sieve, asking the background for a stale copy', async () => {
    const s = matchingSources(null);
    const m = await s.matching();
    expect(m.sieve).toBeNull();
    expect(m.loaded?.matcher).toEqual(matcherFor('stored'));
    expect(nameOf(m.loaded?.pack)).toBe('stored');
    expect(await m.load()).toBe(m.loaded);
    expect(s.storedHead).toHaveBeenCalledTimes(1);
    expect(s.storedBody).toHaveBeenCalledTimes(1);
    const stale = matchingSources(null, both(copy('stale', 'p@0.9.0#old')));
    expect((await stale.matching()).loaded?.matcher).toEqual(matcherFor('from the background'));
    expect(stale.ask).toHaveBeenCalledTimes(1);
  });

  it('fails when the pack is needed at once and can be had from nowhere', async () => {
    const s = matchingSources(null, {});
    s.ask.mockResolvedValueOnce(null as never);
    await expect(s.matching()).rejects.toThrow('no copy of the bundled pack is stored');
  });
});

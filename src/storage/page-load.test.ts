import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readForPageLoad } from './page-load';
import { createSettingsStore } from './store';
import { defaultPreferences } from './settings';
import { getNotices } from './notices';
import { bundledPacks } from './active-packs';
import { choosePacks, loadActivePack } from './load-active-pack';
import { saveImportedPack } from './packs';
import { recordStorageReads } from './test-reads';

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => vi.restoreAllMocks());

const bundled = () => bundledPacks()[0]!;

describe('storage reads for a page load', () => {
  it('reads the same settings and packs as the store, with one call per storage area', async () => {
    const store = createSettingsStore();
    await store.setPreferences({ languages: ['ru', 'uk'], paused: true });
    await store.setSiteMode('news.example', 'off');
    await saveImportedPack({ ...bundled(), version: '9.0.0' });
    const calls = recordStorageReads();
    const reads = readForPageLoad();
    const [settings, imported, prefs] = await Promise.all([reads.settings, reads.importedPacks, reads.preferences]);
    expect(calls.sync).toHaveLength(1);
    // The bundled pack's copy is not read until asked for; then in the session area, and (none there) in
    // storage.local.
    expect(calls.session).toEqual([]);
    expect(calls.local).toEqual([['importedPacks']]);
    expect(await reads.bundledPack()).toBeUndefined();
    expect(calls.session).toEqual([['bundledPack']]);
    expect(calls.local).toEqual([['importedPacks'], ['bundledPack']]);
    expect(settings).toEqual(await createSettingsStore().get());
    expect(settings.paused).toBe(true);
    expect(settings.rules).toEqual([{ host: 'news.example', mode: 'off', includeSubdomains: false }]);
    expect(imported.map((p) => p.version)).toEqual(['9.0.0']);
    expect(prefs.languages).toEqual(['ru', 'uk']);
  });

  it('reads again for every page load, each time once per area', async () => {
    await fakeBrowser.storage.session.set({ bundledPack: { id: 'a copy' } });
    const calls = recordStorageReads();
    const counts = () => [calls.sync.length, calls.local.length, calls.session.length];
    const first = readForPageLoad();
    expect(await first.bundledPack()).toEqual({ id: 'a copy' });
    expect(await first.bundledPack()).toEqual({ id: 'a copy' });
    await first.settings;
    expect(counts()).toEqual([1, 1, 1]);
    const second = readForPageLoad();
    await second.settings;
    await second.bundledPack();
    expect(counts()).toEqual([2, 2, 2]);
  });

  it('gives defaults on a fresh profile, and the bundled pack', async () => {
    const reads = readForPageLoad();
    expect(await reads.settings).toEqual({ ...defaultPreferences(), rules: [] });
    expect(await loadActivePack(() => bundled(), reads)).toBe(bundled());
    expect(await getNotices()).toEqual([]);
  });

  it('reads rules spread over several shards', async () => {
    const store = createSettingsStore();
    const hosts = Array.from({ length: 400 }, (_, i) => `site-${i}-with-a-long-enough-name.example.org`);
    await store.replace({
      ...defaultPreferences(),
      rules: hosts.map((host) => ({ host, mode: 'off', includeSubdomains: true })),
    });
    expect((await fakeBrowser.storage.sync.get('siteRules')).siteRules).toMatchObject({ shards: expect.any(Number) });
    const { shards } = (await fakeBrowser.storage.sync.get('siteRules')).siteRules as { shards: number };
    expect(shards).toBeGreaterThan(1);
    expect((await readForPageLoad().settings).rules.map((r) => r.host)).toEqual(hosts);
  });

  it('leaves data from an older version to the store, which migrates it', async () => {
    await fakeBrowser.storage.sync.set({
      preferences: { paused: true, highlightColor: '#123456' },
      siteRules: ['old.example'],
    });
    const settings = await readForPageLoad().settings;
    expect(settings.paused).toBe(true);
    expect(Object.values(settings.appearance.colors).every((c) => c === '#123456')).toBe(true);
    expect(settings.rules).toEqual([{ host: 'old.example', mode: 'off', includeSubdomains: false }]);
    expect((await fakeBrowser.storage.sync.get(null))['siteRules$']).toEqual({ v: 2 });
  });

  it('turns corrupt data into defaults with notices, and a corrupt pack list into none', async () => {
    await fakeBrowser.storage.sync.set({
      preferences: 'garbage',
      preferences$: { v: 2 },
      siteRules: { shards: 'many', rules: ['-ok.example', 7] },
      siteRules$: { v: 2 },
    });
    await fakeBrowser.storage.local.set({ importedPacks: { not: 'a list' } });
    const reads = readForPageLoad();
    const settings = await reads.settings;
    expect(settings.policy).toBe(defaultPreferences().policy);
    expect(settings.rules).toEqual([{ host: 'ok.example', mode: 'off', includeSubdomains: false }]);
    expect(await reads.importedPacks).toEqual([]);
    expect((await getNotices()).map((n) => n.source).sort()).toEqual(['packs', 'preferences', 'site-rules']);
  });

  it('rejects (without an unhandled rejection) when storage cannot be read, and the page falls back', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'get').mockRejectedValue(new Error('storage is gone'));
    const reads = readForPageLoad();
    await expect(reads.settings).rejects.toThrow('storage is gone');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await loadActivePack(() => bundled(), reads)).toBe(bundled());
    expect(errors).toHaveBeenCalled();
  });
});

describe('which packs a page uses, decided without the bundled pack (choosePacks)', () => {
  const other = () => ({ ...bundled(), id: 'other-pack' });
  const scenarios: [string, () => Promise<void>, 'bundled' | 'none' | 'other'][] = [
    ['a fresh profile', async () => {}, 'bundled'],
    ['some languages left out', () => createSettingsStore().setPreferences({ languages: ['en'] }), 'other'],
    ['another pack imported', () => saveImportedPack(other()), 'other'],
    [
      'the bundled pack replaced by an import of it',
      () => saveImportedPack({ ...bundled(), version: '9.0.0' }),
      'other',
    ],
    [
      'another pack imported but disabled',
      async () => {
        await saveImportedPack(other());
        await createSettingsStore().setPreferences({ disabledPacks: ['other-pack'] });
      },
      'bundled',
    ],
    [
      'the bundled pack disabled, another enabled',
      async () => {
        await saveImportedPack(other());
        await createSettingsStore().setPreferences({ disabledPacks: [bundled().id] });
      },
      'other',
    ],
    ['every pack disabled', () => createSettingsStore().setPreferences({ disabledPacks: [bundled().id] }), 'none'],
  ];

  it.each(scenarios)('with %s, agrees with the pack loadActivePack makes', async (_name, setUp, expected) => {
    await setUp();
    const reads = readForPageLoad();
    expect(await choosePacks(bundled().id, reads)).toBe(expected);
    const pack = await loadActivePack(() => bundled(), reads);
    expect(pack === null ? 'none' : pack === bundled() ? 'bundled' : 'other').toBe(expected);
  });

  it('uses the bundled pack when storage cannot be read, as loadActivePack does', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('storage is gone'));
    expect(await choosePacks(bundled().id, readForPageLoad())).toBe('bundled');
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSettingsStore } from './store';
import { defaultPreferences, defaultSettings } from './settings';
import { getNotices } from './notices';
import { SYNC_QUOTA_BYTES, SYNC_QUOTA_BYTES_PER_ITEM, itemBytes, SyncQuotaError } from './site-rules';
import type { SiteRule } from './hosts';

beforeEach(() => {
  fakeBrowser.reset();
});

async function syncContents(): Promise<Record<string, unknown>> {
  return fakeBrowser.storage.sync.get(null);
}

describe('settings store', () => {
  it('gives defaults on a fresh profile without notices', async () => {
    const store = createSettingsStore();
    expect(await store.get()).toEqual(defaultSettings());
    expect(await getNotices()).toEqual([]);
  });

  it('migrates v1 site rules (a list of disabled hosts) to v2 rules with includeSubdomains', async () => {
    await fakeBrowser.storage.sync.set({ siteRules: ['www.Example.com', 'пример.рф', 42] });
    const store = createSettingsStore();
    await store.siteRulesItem.migrate();
    expect(await store.getRules()).toEqual([
      { host: 'www.example.com', mode: 'off', includeSubdomains: false },
      { host: 'xn--e1afmkfd.xn--p1ai', mode: 'off', includeSubdomains: false },
    ]);
    const raw = await syncContents();
    expect(raw['siteRules$']).toEqual({ v: 2 });
    expect(raw.siteRules).toEqual({ shards: 1, rules: ['-www.example.com', '-xn--e1afmkfd.xn--p1ai'] });
  });

  it('migrates v1 preferences (one highlight colour) to per-status colours', async () => {
    await fakeBrowser.storage.sync.set({ preferences: { paused: true, highlightColor: '#123456' } });
    const store = createSettingsStore();
    const prefs = await store.getPreferences();
    expect(prefs.paused).toBe(true);
    expect(prefs.policy).toBe('all-except-listed');
    expect(Object.values(prefs.appearance.colors).every((c) => c === '#123456')).toBe(true);
    expect((await syncContents())['preferences$']).toEqual({ v: 2 });
  });

  it('does not re-migrate v2 data that lost its version marker', async () => {
    const prefs = { ...defaultPreferences(), languages: ['ru'], paused: true };
    await fakeBrowser.storage.sync.set({ preferences: prefs, siteRules: { shards: 1, rules: ['-a.example'] } });
    const store = createSettingsStore();
    expect(await store.getPreferences()).toEqual(prefs);
    expect(await store.getRules()).toEqual([{ host: 'a.example', mode: 'off', includeSubdomains: false }]);
  });

  it('falls back to defaults with a notice when stored data is corrupt, without throwing', async () => {
    await fakeBrowser.storage.sync.set({
      preferences: { policy: 'sometimes', paused: 'yes', languages: ['en'], appearance: 7 },
      preferences$: { v: 2 },
      siteRules: { shards: 'many', rules: ['-ok.example.com', '?broken', null] },
      siteRules$: { v: 2 },
    });
    const store = createSettingsStore();
    const settings = await store.get();
    const defaults = defaultPreferences();
    expect(settings.policy).toBe(defaults.policy);
    expect(settings.paused).toBe(false);
    expect(settings.appearance).toEqual(defaults.appearance);
    // Valid fields survive.
    expect(settings.languages).toEqual(['en']);
    expect(settings.rules).toEqual([{ host: 'ok.example.com', mode: 'off', includeSubdomains: false }]);
    expect((await getNotices()).map((n) => n.source).sort()).toEqual(['preferences', 'site-rules']);
  });

  it('treats a non-object value as corrupt', async () => {
    await fakeBrowser.storage.sync.set({
      preferences: 'garbage',
      preferences$: { v: 2 },
      siteRules: 12,
      siteRules$: { v: 2 },
    });
    const store = createSettingsStore();
    expect(await store.get()).toEqual(defaultSettings());
    expect((await getNotices()).length).toBe(2);
  });

  it('survives data from a newer version (a downgrade) without crashing', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    await fakeBrowser.storage.sync.set({
      preferences: { schema: 'from the future', paused: true },
      preferences$: { v: 3 },
      siteRules: { shards: 1, rules: ['-ok.example'], extra: true },
      siteRules$: { v: 3 },
    });
    const store = createSettingsStore();
    const settings = await store.get();
    expect(settings.paused).toBe(true);
    expect(settings.appearance).toEqual(defaultPreferences().appearance);
    expect(settings.rules).toEqual([{ host: 'ok.example', mode: 'off', includeSubdomains: false }]);
    expect((await getNotices()).map((n) => n.source)).toEqual(['preferences']);
    errors.mockRestore();
  });

  it('shards a long site list so that no sync item exceeds the per-item quota, and reads it back', async () => {
    const store = createSettingsStore();
    const rules: SiteRule[] = Array.from({ length: 1500 }, (_, i) => ({
      host: `site-number-${i}.news-example-${i % 7}.com`,
      mode: i % 3 ? 'off' : 'on',
      includeSubdomains: i % 2 === 0,
    }));
    await store.setRules(rules);
    const raw = await syncContents();
    const keys = Object.keys(raw).filter((k) => k.startsWith('siteRules') && !k.endsWith('$'));
    expect(keys.length).toBeGreaterThan(2);
    let total = 0;
    for (const key of Object.keys(raw)) {
      const bytes = itemBytes(key, raw[key]);
      expect(bytes).toBeLessThanOrEqual(SYNC_QUOTA_BYTES_PER_ITEM);
      total += bytes;
    }
    expect(total).toBeLessThanOrEqual(SYNC_QUOTA_BYTES);
    expect(await store.getRules()).toEqual(rules);

    // Shrinking the list removes the shards that are no longer used.
    await store.setRules(rules.slice(0, 3));
    const after = await syncContents();
    expect(Object.keys(after).filter((k) => k.startsWith('siteRules.'))).toEqual([]);
    expect(await store.getRules()).toEqual(rules.slice(0, 3));
  });

  it('refuses a site list that could never fit in sync storage', async () => {
    const store = createSettingsStore();
    const rules: SiteRule[] = Array.from({ length: 6000 }, (_, i) => ({
      host: `a-rather-long-host-name-number-${i}.example.com`,
      mode: 'off',
      includeSubdomains: false,
    }));
    await expect(store.setRules(rules)).rejects.toBeInstanceOf(SyncQuotaError);
    expect(await store.getRules()).toEqual([]);
  });

  it('switches a site and notifies watchers in other contexts', async () => {
    const writer = createSettingsStore();
    const reader = createSettingsStore();
    const seen: boolean[] = [];
    const unwatch = reader.watch((s) =>
      seen.push(s.rules.some((r) => r.host === 'www.example.com' && r.mode === 'off')),
    );
    await writer.setSiteMode('https://www.example.com/a', 'off');
    await new Promise((r) => setTimeout(r, 0));
    await writer.setSiteMode('www.example.com', 'on');
    await new Promise((r) => setTimeout(r, 0));
    unwatch();
    expect(seen).toContain(true);
    expect(seen.at(-1)).toBe(false);
    expect(await reader.getRules()).toEqual([]);
  });

  it('pauses and resumes', async () => {
    const store = createSettingsStore();
    await store.setPaused(true);
    expect((await store.get()).paused).toBe(true);
    await store.setPaused(false);
    expect((await store.get()).paused).toBe(false);
  });
});

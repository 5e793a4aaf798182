import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { bundledPacks, loadActivePack, restrictLanguages } from './active-packs';
import { combinePacks, getImportedPacks, mergePacks, saveImportedPack } from './packs';
import { getNotices } from './notices';
import { createSettingsStore } from './store';
import type { Pack } from '../core/pack/schema';

beforeEach(() => fakeBrowser.reset());

const bundled = () => bundledPacks()[0]!;
const withId = (pack: Pack, id: string, narrativePrefix: string): Pack => ({
  ...pack,
  id,
  narratives: pack.narratives.map((n) => ({
    ...n,
    id: `${narrativePrefix}-${n.id}`,
    related: n.related.map((r) => `${narrativePrefix}-${r}`),
  })),
});

describe('packs', () => {
  it('uses the bundled pack when nothing is imported', async () => {
    expect((await loadActivePack())?.id).toBe(bundled().id);
  });

  it('uses an imported edition of the bundled pack instead of it', async () => {
    await saveImportedPack({ ...bundled(), version: '9.0.0' });
    expect((await loadActivePack())?.version).toBe('9.0.0');
  });

  it('merges every enabled pack and leaves out disabled ones', async () => {
    const extra = withId(bundled(), 'extra-pack', 'x');
    await saveImportedPack(extra);
    const merged = await loadActivePack();
    expect(merged?.narratives.length).toBe(bundled().narratives.length * 2);
    await createSettingsStore().setPreferences({ disabledPacks: [bundled().id] });
    const only = await loadActivePack();
    expect(only?.narratives.every((n) => n.id.startsWith('x-'))).toBe(true);
    await createSettingsStore().setPreferences({ disabledPacks: [bundled().id, 'extra-pack'] });
    expect(await loadActivePack()).toBeNull();
  });

  it('validates imported packs again on load and skips broken ones with a notice', async () => {
    await fakeBrowser.storage.local.set({
      importedPacks: [{ json: { schemaVersion: 1, id: 'broken' }, importedAt: 1 }],
    });
    expect(await getImportedPacks()).toEqual([]);
    expect((await loadActivePack())?.id).toBe(bundled().id);
    expect((await getNotices()).map((n) => n.source)).toEqual(['packs']);
  });

  it('keeps only the patterns of the languages to detect', async () => {
    const pack = bundled();
    const enOnly = restrictLanguages(pack, ['en']);
    expect(enOnly.narratives.every((n) => Object.keys(n.patterns).every((l) => l === 'en'))).toBe(true);
    expect(restrictLanguages(pack, ['en', 'ru', 'uk', 'be'])).toBe(pack);
    await createSettingsStore().setPreferences({ languages: ['ru'] });
    const active = await loadActivePack();
    expect(active?.narratives.every((n) => Object.keys(n.patterns).every((l) => l === 'ru'))).toBe(true);
  });

  it('combines and merges without duplicate narrative ids', () => {
    const a = bundled();
    expect(combinePacks([a], [], [a.id])).toEqual([{ pack: a, bundled: true, enabled: false }]);
    expect(mergePacks([a, a])?.narratives.length).toBe(a.narratives.length);
    expect(mergePacks([])).toBeNull();
  });
});

import { LANGUAGES, type Language, type Pack } from '../core/pack/schema';
import { combinePacks, getImportedPacks, mergePacks } from './packs';
import { settingsStore } from './store';
import type { Preferences } from './settings';

/**
 * The pack the page uses: every enabled pack merged. When stored packs can't be read, the bundled
 * pack is used; when the reader disabled every pack, null (nothing to highlight).
 *
 * `reads` are storage reads already under way (see page-load.ts). The bundled pack is passed in rather
 * than imported, so the content script can bring its own slim copy (without examples, with a
 * precompiled index) instead of the full JSON file.
 */
export async function loadActivePack(
  fallback: () => Pack | null,
  reads?: { importedPacks: Promise<Pack[]>; preferences: Promise<Preferences> },
): Promise<Pack | null> {
  try {
    const [imported, prefs] = await Promise.all([
      reads?.importedPacks ?? getImportedPacks(),
      reads?.preferences ?? settingsStore().getPreferences(),
    ]);
    const bundledList = (() => {
      try {
        const pack = fallback();
        return pack ? [pack] : [];
      } catch (err) {
        console.error('factcontext: the bundled pack does not validate', err);
        return [];
      }
    })();
    const entries = combinePacks(bundledList, imported, prefs.disabledPacks);
    const merged = mergePacks(entries.filter((e) => e.enabled).map((e) => e.pack));
    return merged && restrictLanguages(merged, prefs.languages);
  } catch (err) {
    console.error('factcontext: could not load packs from storage; using the bundled pack', err);
    return fallback();
  }
}

/**
 * Which packs the page uses, decided from the settings alone: the bundled pack as it is (enabled, no
 * imported pack enabled beside it or in its place, every language wanted), none at all, or some other
 * pack, which `loadActivePack` makes. The bundled pack itself (about 380 kB to read) is not needed for it:
 * most pages find nothing to match it against. When stored packs can't be read, the bundled pack is used,
 * as `loadActivePack` does.
 */
export async function choosePacks(
  bundledId: string,
  reads: { importedPacks: Promise<Pack[]>; preferences: Promise<Preferences> },
): Promise<'bundled' | 'none' | 'other'> {
  let imported: Pack[];
  let prefs: Preferences;
  try {
    [imported, prefs] = await Promise.all([reads.importedPacks, reads.preferences]);
  } catch {
    return 'bundled';
  }
  // Entries are told apart by id: the bundled pack stands in as one.
  const entries = combinePacks([{ id: bundledId } as Pack], imported, prefs.disabledPacks).filter((e) => e.enabled);
  if (!entries.length) return 'none';
  const alone = entries.length === 1 && entries[0]!.bundled;
  return alone && wantsEveryLanguage(prefs.languages) ? 'bundled' : 'other';
}

/** Whether the reader wants every language detected (a pack is then used with all its patterns). */
const wantsEveryLanguage = (languages: readonly Language[]): boolean => LANGUAGES.every((l) => languages.includes(l));

/** Keeps only the patterns (and guards) of the languages the reader wants detected. */
export function restrictLanguages(pack: Pack, languages: readonly Language[]): Pack {
  if (wantsEveryLanguage(languages)) return pack;
  const pick = <T extends Partial<Record<Language, string[]>>>(byLang: T): T =>
    Object.fromEntries(Object.entries(byLang).filter(([lang]) => languages.includes(lang as Language))) as T;
  return {
    ...pack,
    narratives: pack.narratives.map((n) => ({
      ...n,
      patterns: pick(n.patterns),
      ...(n.guards ? { guards: pick(n.guards) } : {}),
    })),
  };
}

import bundledJson from '../../packs/belarus-ukraine-troubled-period.json';
import { LANGUAGES, type Language, type Pack } from '../core/pack/schema';
import { combinePacks, getImportedPacks, mergePacks, type PackEntry } from './packs';
import { settingsStore } from './store';

/**
 * The pack shipped with the extension. It is validated, examples included, before every build
 * (modules/pack-check.ts) and by the unit tests, so pages don't pay for validating it again.
 */
const bundled: Pack[] = [bundledJson as unknown as Pack];
export function bundledPacks(): Pack[] {
  return bundled;
}

export async function loadPackEntries(disabled?: readonly string[]): Promise<PackEntry[]> {
  const [imported, prefs] = await Promise.all([
    getImportedPacks(),
    disabled ? Promise.resolve(null) : settingsStore().getPreferences(),
  ]);
  return combinePacks(bundledPacks(), imported, disabled ?? prefs?.disabledPacks ?? []);
}

/**
 * The pack the page uses: every enabled pack merged. When stored packs can't be read, the bundled
 * pack is used; when the reader disabled every pack, null (nothing to highlight).
 */
export async function loadActivePack(
  fallback: () => Pack | null = () => bundledPacks()[0] ?? null,
): Promise<Pack | null> {
  try {
    const [imported, prefs] = await Promise.all([getImportedPacks(), settingsStore().getPreferences()]);
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

/** Keeps only the patterns (and guards) of the languages the reader wants detected. */
export function restrictLanguages(pack: Pack, languages: readonly Language[]): Pack {
  if (LANGUAGES.every((l) => languages.includes(l))) return pack;
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

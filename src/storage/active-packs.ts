import bundledJson from '../../packs/belarus-ukraine-troubled-period.json?raw';
import type { Pack } from '../core/pack/schema';
import { parsePack } from '../core/pack/validate';
import { combinePacks, getImportedPacks, mergePacks, type PackEntry } from './packs';
import { settingsStore } from './store';

let bundled: Pack[] | null = null;
/** The pack shipped with the extension (validated once per context). */
export function bundledPacks(): Pack[] {
  if (!bundled) {
    try {
      bundled = [parsePack(bundledJson)];
    } catch (err) {
      console.error('factcontext: the bundled pack does not validate', err);
      bundled = [];
    }
  }
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
export async function loadActivePack(): Promise<Pack | null> {
  try {
    const entries = await loadPackEntries();
    return mergePacks(entries.filter((e) => e.enabled).map((e) => e.pack));
  } catch (err) {
    console.error('factcontext: could not load packs from storage; using the bundled pack', err);
    return bundledPacks()[0] ?? null;
  }
}

import bundledJson from '../../packs/belarus-ukraine-troubled-period.json';
import type { Pack } from '../core/pack/schema';
import { combinePacks, getImportedPacks, type PackEntry } from './packs';
import { loadActivePack as loadActivePackWith } from './load-active-pack';
import { settingsStore } from './store';

export { restrictLanguages } from './load-active-pack';

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

/** The active pack, with the bundled pack from the packs/ file. */
export function loadActivePack(fallback: () => Pack | null = () => bundledPacks()[0] ?? null): Promise<Pack | null> {
  return loadActivePackWith(fallback);
}

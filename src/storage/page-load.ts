import { browser } from 'wxt/browser';
import type { Pack } from '../core/pack/schema';
import { readBundledCopy, type BundledCopyAreas } from './bundled-copy';
import { BUNDLED_PACK_BODY_KEY, BUNDLED_PACK_KEY, PAGE_LOAD_LOCAL_KEYS, PAGE_LOAD_SYNC_KEYS } from './keys';
import { IMPORTED_PACKS_KEY, importedPacksFromStored } from './packs';
import type { Preferences, Settings } from './settings';
import {
  PREFERENCES_KEY,
  PREFERENCES_VERSION,
  preferencesFromStored,
  rulesFromHead,
  SITE_RULES_KEY,
  SITE_RULES_VERSION,
  settingsStore,
  type SettingsStore,
} from './store';

/** What a page needs from storage before it can highlight anything. */
export interface PageLoadReads {
  settings: Promise<Settings>;
  preferences: Promise<Preferences>;
  importedPacks: Promise<Pack[]>;
  /**
   * The stored copy of the bundled pack's head, as stored (checked by `parseBundledHead`), read on the first
   * call: once the bundled pack's sieve has found a place in the page's text (src/content/page-load-reads.ts).
   */
  bundledPack(): Promise<unknown>;
  /** Its body, as stored (checked by `parseBundledBody`), read on the first call: once a block needs it. */
  bundledPackBody(): Promise<unknown>;
}

const isCurrent = (raw: Record<string, unknown>, key: string, version: number): boolean =>
  raw[key] == null || ((raw[`${key}$`] as { v?: unknown } | undefined)?.v ?? 1) === version;

/**
 * Reads the settings and the imported packs with one `storage.sync` and one `storage.local` call, made at
 * once, and the two items of the bundled pack's copy (`readBundledCopy`) only when asked for. Going
 * through the versioned storage items instead costs two to three round trips each (every item checks its
 * version before its first read), 20–40 ms on a loading page. Values are checked
 * exactly as the items' readers check them (corrupt data gives defaults and a notice); a value stored by an
 * older version is left to the store, which migrates it.
 */
export function readForPageLoad(store?: SettingsStore): PageLoadReads {
  // The store (whose items start their own version checks when made) is only needed to migrate.
  const items = () => store ?? settingsStore();
  const sync = browser.storage.sync.get(PAGE_LOAD_SYNC_KEYS) as Promise<Record<string, unknown>>;
  const local = browser.storage.local.get(PAGE_LOAD_LOCAL_KEYS) as Promise<Record<string, unknown>>;
  const preferences = sync.then((raw) =>
    isCurrent(raw, PREFERENCES_KEY, PREFERENCES_VERSION)
      ? preferencesFromStored(raw[PREFERENCES_KEY])
      : items().getPreferences(),
  );
  const rules = sync.then((raw) =>
    isCurrent(raw, SITE_RULES_KEY, SITE_RULES_VERSION) ? rulesFromHead(raw[SITE_RULES_KEY]) : items().getRules(),
  );
  const settings = Promise.all([preferences, rules]).then(([prefs, list]) => ({ ...prefs, rules: list }));
  const importedPacks = local.then((raw) => importedPacksFromStored(raw[IMPORTED_PACKS_KEY]));
  const areas = browser.storage as unknown as BundledCopyAreas;
  const readOnce = (key: string) => {
    let read: Promise<unknown> | null = null;
    return () => {
      read ??= readBundledCopy(areas, key);
      read.catch(() => {});
      return read;
    };
  };
  const bundledPack = readOnce(BUNDLED_PACK_KEY);
  const bundledPackBody = readOnce(BUNDLED_PACK_BODY_KEY);
  // Each is awaited by whoever needs it; none may end as an unhandled rejection in the page's console.
  for (const p of [preferences, settings, importedPacks]) p.catch(() => {});
  return { settings, preferences, importedPacks, bundledPack, bundledPackBody };
}

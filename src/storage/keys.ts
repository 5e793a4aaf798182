/** Storage keys a page load reads (`src/storage/page-load.ts`). */
export const SITE_RULES_KEY = 'siteRules';
export const PREFERENCES_KEY = 'preferences';
export const IMPORTED_PACKS_KEY = 'importedPacks';
/**
 * The bundled pack and its precompiled index, copied by the background into `storage.session` (held in
 * memory, read faster while a page loads) where content scripts may read it, else into `storage.local`.
 */
export const BUNDLED_PACK_KEY = 'bundledPack';
/** The copy's body (the pack and the anchor tables), kept beside its head (`BUNDLED_PACK_KEY`): see `BundledPackHead`. */
export const BUNDLED_PACK_BODY_KEY = 'bundledPackBody';
/**
 * Where earlier versions kept the bundled pack's sieve beside the copy. The content script now carries the
 * sieve itself; the entry is removed where it was left.
 */
export const OLD_BUNDLED_SIEVE_KEY = 'bundledSieve';

/** The `storage.sync` keys read on every page load (each item with its WXT `$` meta entry). */
export const PAGE_LOAD_SYNC_KEYS = [PREFERENCES_KEY, `${PREFERENCES_KEY}$`, SITE_RULES_KEY, `${SITE_RULES_KEY}$`];
/** The `storage.local` keys read on every page load (the bundled pack's copy is read on its own). */
export const PAGE_LOAD_LOCAL_KEYS = [IMPORTED_PACKS_KEY];

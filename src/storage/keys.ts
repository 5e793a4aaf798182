/**
 * Storage keys a page load reads. Kept free of imports: the tiny document_start script
 * (entrypoints/early-reads.ts) uses them without pulling in the store's code.
 */
export const SITE_RULES_KEY = 'siteRules';
export const PREFERENCES_KEY = 'preferences';
export const IMPORTED_PACKS_KEY = 'importedPacks';
/** The bundled pack and its precompiled index, copied into `storage.local` by the background. */
export const BUNDLED_PACK_KEY = 'bundledPack';

/** The `storage.sync` keys read on every page load (each item with its WXT `$` meta entry). */
export const PAGE_LOAD_SYNC_KEYS = [PREFERENCES_KEY, `${PREFERENCES_KEY}$`, SITE_RULES_KEY, `${SITE_RULES_KEY}$`];
/**
 * The `storage.local` keys read on every page load: in the top frame, the bundled pack too; other frames
 * read it only once they have text (most never do, and the copy is about 380 kB).
 */
export const pageLoadLocalKeys = (topFrame: boolean): string[] =>
  topFrame ? [IMPORTED_PACKS_KEY, BUNDLED_PACK_KEY] : [IMPORTED_PACKS_KEY];

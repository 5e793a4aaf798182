import { storage } from 'wxt/utils/storage';
import type { Pack } from '../core/pack/schema';
import { validatePack } from '../core/pack/validate';
import { lazyItem } from './lazy-item';
import { addNotice } from './notices';

/** Packs imported by the reader, kept in `storage.local` (they can be large). */
export interface StoredPack {
  /** The pack JSON as imported. */
  json: unknown;
  importedAt: number;
}

import { IMPORTED_PACKS_KEY } from './keys';
export { IMPORTED_PACKS_KEY };
const importedPacksItem = lazyItem(() =>
  storage.defineItem<StoredPack[]>(`local:${IMPORTED_PACKS_KEY}`, {
    fallback: [],
    version: 1,
  }),
);

export interface PackEntry {
  pack: Pack;
  bundled: boolean;
  enabled: boolean;
}

/** Imported packs that still validate against the schema (they are validated again on every load). */
export async function getImportedPacks(): Promise<Pack[]> {
  return importedPacksFromStored(await importedPacksItem().getValue());
}

/** The imported packs that validate, from the stored list (a notice for each that doesn't, or a corrupt list). */
export async function importedPacksFromStored(raw: unknown): Promise<Pack[]> {
  if (!Array.isArray(raw)) {
    if (raw != null) await addNotice('packs');
    return [];
  }
  const packs: Pack[] = [];
  for (const item of raw) {
    const result = validatePack((item as StoredPack | null)?.json);
    if (result.ok) packs.push(result.pack);
    else await addNotice('packs');
  }
  return packs;
}

/** Stores an already validated pack, replacing an imported pack with the same id. */
export async function saveImportedPack(pack: Pack): Promise<void> {
  const raw = (await importedPacksItem().getValue()) as unknown;
  const list = (Array.isArray(raw) ? raw : []) as StoredPack[];
  const others = list.filter((p) => (p?.json as { id?: unknown } | null)?.id !== pack.id);
  await importedPacksItem().setValue([...others, { json: pack, importedAt: Date.now() }]);
}

export async function removeImportedPack(id: string): Promise<void> {
  const raw = (await importedPacksItem().getValue()) as unknown;
  const list = (Array.isArray(raw) ? raw : []) as StoredPack[];
  await importedPacksItem().setValue(list.filter((p) => (p?.json as { id?: unknown } | null)?.id !== id));
}

/**
 * Every pack: an imported pack with the bundled pack's id replaces it (an updated edition);
 * `disabled` lists ids the reader switched off.
 */
export function combinePacks(
  bundled: readonly Pack[],
  imported: readonly Pack[],
  disabled: readonly string[],
): PackEntry[] {
  const entries: PackEntry[] = [];
  const importedIds = new Set(imported.map((p) => p.id));
  for (const pack of bundled) {
    if (!importedIds.has(pack.id)) entries.push({ pack, bundled: true, enabled: !disabled.includes(pack.id) });
  }
  for (const pack of imported) entries.push({ pack, bundled: false, enabled: !disabled.includes(pack.id) });
  return entries;
}

/** Merges packs into one for the matcher (narrative ids stay unique: the first pack wins). */
export function mergePacks(packs: readonly Pack[]): Pack | null {
  if (!packs.length) return null;
  if (packs.length === 1) return packs[0]!;
  const seen = new Set<string>();
  const narratives = packs
    .flatMap((p) => p.narratives)
    .filter((n) => (seen.has(n.id) ? false : (seen.add(n.id), true)));
  const ids = new Set(narratives.map((n) => n.id));
  return {
    ...packs[0]!,
    languages: [...new Set(packs.flatMap((p) => p.languages))],
    narratives: narratives.map((n) => ({ ...n, related: n.related.filter((r) => ids.has(r)) })),
  };
}

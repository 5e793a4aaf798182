import type { Pack } from '../pack/schema';
import {
  expandPack,
  indexExpanded,
  packEntries,
  type CompiledPack,
  type ExpandedPack,
  type PatternEntry,
} from './compile';
import { matcherFromCompiled } from './matcher';
import {
  buildPrefilterIndex,
  restorePrefilterIndex,
  serializePrefilterIndex,
  type SerializedPrefilterIndex,
} from './prefilter-index';
import type { Matcher } from './types';
import type { Element } from './pattern';

/**
 * A pack's expanded, anchored patterns as plain JSON, computed at build time for the bundled pack.
 *
 * Expanding patterns, choosing anchors and building the prefilter's tables is the costly part of making
 * a matcher (25–40 ms on a page, where the code runs cold), and it is the same on every page load;
 * building the hash maps from the result takes a few milliseconds. The index names the pack id and version it was made from, so a page
 * never pairs it with a different pack.
 */
export interface PrecompiledIndex {
  format: 3;
  packId: string;
  packVersion: string;
  fuzzy: boolean;
  /** How many patterns and guards the pack has (a check that entries are numbered the same way). */
  entries: number;
  /** Distinct token tests and gaps; sequences share most of them. */
  elements: Element[];
  /** [indexes into elements, anchor position, index of the pattern among `packEntries`] per sequence. */
  sequences: [number[], number, number][];
  /** The prefilter's tables for these sequences. */
  prefilter: SerializedPrefilterIndex;
}

export class PrecompiledIndexError extends Error {
  override name = 'PrecompiledIndexError';
}

/** Expands the whole pack (every language, fuzzy matching on) into a serialisable index. */
export function precompilePack(pack: Pack): PrecompiledIndex {
  const expanded = expandPack(pack);
  const elementIds = new Map<string, number>();
  const elements: Element[] = [];
  const idOf = (el: Element): number => {
    const key = JSON.stringify(el);
    let id = elementIds.get(key);
    if (id === undefined) {
      id = elements.length;
      elementIds.set(key, id);
      elements.push(el);
    }
    return id;
  };
  const sequences = expanded.sequences.map((seq, i): [number[], number, number] => [
    seq.map(idOf),
    expanded.anchors[i]!,
    expanded.entries[i]!.order,
  ]);
  return {
    format: 3,
    packId: pack.id,
    packVersion: pack.version,
    fuzzy: expanded.fuzzy,
    entries: packEntries(pack).length,
    elements,
    sequences,
    prefilter: serializePrefilterIndex(buildPrefilterIndex(indexExpanded(expanded))),
  };
}

/**
 * Rebuilds the compiled pack from an index made by `precompilePack` for this same pack. Throws when the
 * index is of another format or another pack (id, version or number of patterns), or is not well formed.
 */
export function restorePrecompiled(index: PrecompiledIndex, pack: Pack): CompiledPack {
  return indexExpanded(expandedFromPrecompiled(index, pack));
}

/** The expanded pack an index holds, checked against the pack (the errors `restorePrecompiled` names). */
function expandedFromPrecompiled(index: PrecompiledIndex, pack: Pack): ExpandedPack {
  if (index?.format !== 3) throw new PrecompiledIndexError('unknown precompiled index format');
  const entries = packEntries(pack).map((e) => e.entry);
  if (index.packId !== pack.id || index.packVersion !== pack.version || index.entries !== entries.length)
    throw new PrecompiledIndexError(
      `the precompiled index is for ${index.packId} ${index.packVersion} (${index.entries} patterns), not ${pack.id} ${pack.version} (${entries.length} patterns)`,
    );
  const { elements } = index;
  const sequences: Element[][] = [];
  const anchors: number[] = [];
  const sequenceEntries: PatternEntry[] = [];
  for (const [ids, anchor, entry] of index.sequences) {
    const seq: Element[] = [];
    for (const id of ids) {
      const el = elements[id];
      if (!el) break;
      seq.push(el);
    }
    const anchorEl = seq[anchor];
    if (seq.length !== ids.length || !anchorEl || anchorEl.kind === 'gap' || !entries[entry])
      throw new PrecompiledIndexError(`sequence ${sequences.length} of the precompiled index is malformed`);
    sequences.push(seq);
    anchors.push(anchor);
    sequenceEntries.push(entries[entry]);
  }
  return { sequences, entries: sequenceEntries, anchors, fuzzy: index.fuzzy };
}

/**
 * The matcher for a pack from its precompiled index, prefilter included (same errors as
 * `restorePrecompiled`, thrown here). The index is checked at once, but its hash maps are built only when a
 * block first passes the prefilter: on the many pages and frames where none does, that work is never done.
 */
export function matcherFromPrecompiled(index: PrecompiledIndex, pack: Pack): Matcher {
  const expanded = expandedFromPrecompiled(index, pack);
  let prefilterIndex;
  try {
    prefilterIndex = restorePrefilterIndex(index.prefilter);
  } catch (err) {
    throw new PrecompiledIndexError(err instanceof Error ? err.message : String(err));
  }
  return matcherFromCompiled(() => indexExpanded(expanded), { prefilterIndex });
}

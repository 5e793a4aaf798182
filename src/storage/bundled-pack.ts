import { browser } from 'wxt/browser';
import type { PrecompiledBody, PrecompiledIndexHead, SerializedAnchorTables } from '../core/match/precompiled';
import type { Pack } from '../core/pack/schema';
import { BUNDLED_PACK_BODY_KEY, BUNDLED_PACK_KEY, OLD_BUNDLED_SIEVE_KEY } from './keys';

/**
 * The bundled pack as the build writes it (`bundled-pack.json`) and as storage keeps it: the pack
 * (without its examples) and its precompiled index as JSON text, the index's anchor tables apart (they are
 * JSON text themselves, parsed part by part when first needed: inside the index, every page load would
 * parse them as one 126 kB string), and an id naming this build's copy.
 *
 * The page gets them from storage rather than from its own script: a content script is compiled on every
 * page load, in every frame, on the page's main thread (browsers keep no code cache for it), and the two
 * texts were 325 kB of its 520 kB. Storage hands over a string, which `JSON.parse` reads far faster than
 * the script parser reads the same text as a literal.
 */
export interface BundledPackData {
  id: string;
  pack: string;
  /** The index without its `tables`. */
  index: string;
  tables: SerializedAnchorTables;
}

/**
 * How storage keeps the copy: in two items, so that a page reads only what it needs. The head (the index
 * without its anchor tables: the prefilter's tables, 25 % of the copy) is read where the sieve finds a
 * place in the page's text; the body (the pack and the anchor tables) only where a block then passes the
 * prefilter, which on most such pages none does. Each names the build's copy it belongs to.
 */
export interface BundledPackHead {
  id: string;
  /** `BundledPackData.index`. */
  index: string;
}

export interface BundledPackBody {
  id: string;
  pack: string;
  tables: SerializedAnchorTables;
}

/** The two items storage keeps for a copy. */
export function splitBundledPack({ id, pack, index, tables }: BundledPackData): {
  head: BundledPackHead;
  body: BundledPackBody;
} {
  return { head: { id, index }, body: { id, pack, tables } };
}

/** Why a copy of the bundled pack could not be used: none, one from another build, or a damaged one. */
export type BundledPackProblem = 'missing' | 'stale' | 'damaged';

export class BundledPackError extends Error {
  override name = 'BundledPackError';
  constructor(
    readonly problem: BundledPackProblem,
    message: string,
  ) {
    super(message);
  }
}

export function isBundledPackData(value: unknown): value is BundledPackData {
  return isBundledPackHead(value) && isBundledPackBody(value);
}

function isBundledPackHead(value: unknown): value is BundledPackHead {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.index === 'string';
}

function isBundledPackBody(value: unknown): value is BundledPackBody {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.pack === 'string' && !!v.tables && typeof v.tables === 'object';
}

/**
 * Checks what storage (or the background) gave for one part of the copy, and parses it with `parse`, which
 * gives null for JSON of the wrong shape.
 */
function parsePart<C, T>(
  data: unknown,
  id: string,
  part: 'head' | 'body',
  shaped: (value: unknown) => value is C,
  parse: (copy: C) => T | null,
): T {
  const of = part === 'body' ? '’s body' : '';
  const name = `the stored copy of the bundled pack${of}`;
  if (data == null) throw new BundledPackError('missing', `no copy of the bundled pack${of} is stored`);
  if (!shaped(data)) throw new BundledPackError('damaged', `${name} is malformed`);
  const copy = data as C & { id: string };
  if (copy.id !== id) throw new BundledPackError('stale', `${name} is ${copy.id}, not ${id}`);
  let parsed: T | null;
  try {
    parsed = parse(copy);
  } catch {
    throw new BundledPackError('damaged', `${name} is not JSON`);
  }
  if (parsed === null) throw new BundledPackError('damaged', `${name} is malformed`);
  return parsed;
}

/**
 * The index head of a stored (or sent) copy made by the build whose id is `id`. Throws a `BundledPackError`
 * saying what is wrong: nothing stored, a copy from another build (the extension was updated), or a copy
 * that is not the expected shape or not JSON. The head's parts are checked by the matcher.
 */
export function parseBundledHead(data: unknown, id: string): PrecompiledIndexHead {
  return parsePart(data, id, 'head', isBundledPackHead, (copy) => {
    const index = JSON.parse(copy.index) as unknown;
    return index && typeof index === 'object' && !Array.isArray(index) ? (index as PrecompiledIndexHead) : null;
  });
}

/** The pack and anchor tables of a stored (or sent) copy's body, checked as `parseBundledHead` checks the head. */
export function parseBundledBody(data: unknown, id: string): PrecompiledBody {
  return parsePart(data, id, 'body', isBundledPackBody, (copy) => {
    const pack = JSON.parse(copy.pack) as Pack | null;
    // The tables' parts are checked by the matcher (a missing one is refused, a malformed one found on use).
    return pack && typeof pack === 'object' && Array.isArray(pack.narratives) ? { pack, tables: copy.tables } : null;
  });
}

/** The session area, as far as storing the copy needs it (`setAccessLevel` is missing in some browsers). */
interface SessionArea {
  set(items: Record<string, unknown>): Promise<void>;
  remove?(keys: string[]): Promise<void>;
  setAccessLevel?(options: { accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }): Promise<void>;
}

/**
 * Keeps this build's copy of the bundled pack where pages read it (`readBundledCopy`), and says where: in `storage.session` when this browser lets content
 * scripts read that area, else in `storage.local`.
 *
 * The session area is held in memory: on this machine a top frame got the 355 kB copy a median of 6–10 ms
 * sooner from it than from `storage.local` (docs/performance.md). It is emptied when the browser quits, so
 * the background stores the copy again as the browser starts, and a page that comes first asks for it. Its
 * copy being the one pages read, an older one in `storage.local` (which earlier versions kept there) is
 * removed, so that 380 kB are not left on disk for nothing.
 */
export async function storeBundledPack(data: BundledPackData): Promise<'session' | 'local'> {
  const session = (browser.storage as unknown as { session?: SessionArea }).session;
  const { head, body } = splitBundledPack(data);
  const items = { [BUNDLED_PACK_KEY]: head, [BUNDLED_PACK_BODY_KEY]: body };
  // Earlier versions stored the pack's sieve beside the copy; pages no longer read it.
  const stale = [OLD_BUNDLED_SIEVE_KEY];
  if (session?.setAccessLevel) {
    try {
      // Content scripts may read (and write) the session area from now on; it holds nothing but this copy.
      await session.setAccessLevel({ accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS' });
      await session.set(items);
      await session.remove?.(stale);
      await browser.storage.local.remove([BUNDLED_PACK_KEY, BUNDLED_PACK_BODY_KEY, ...stale]);
      return 'session';
    } catch {
      // Not allowed here: pages read the copy from storage.local instead.
    }
  }
  await browser.storage.local.set(items);
  await browser.storage.local.remove(stale);
  return 'local';
}

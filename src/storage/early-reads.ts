import { BUNDLED_PACK_KEY, PAGE_LOAD_LOCAL_KEYS, PAGE_LOAD_SYNC_KEYS } from './keys';

/** The raw answers of the page-load reads, as `storage.sync.get` and `storage.local.get` give them. */
export interface EarlyReads {
  sync: Promise<Record<string, unknown>>;
  local: Promise<Record<string, unknown>>;
  /** In the top frame: the stored copy of the bundled pack, as stored (undefined: none). */
  bundled?: Promise<unknown>;
}

type Get = (keys: string[]) => Promise<Record<string, unknown>>;

export interface StorageAreas {
  sync: { get: Get };
  local: { get: Get };
  /** Absent, or refusing content scripts, where the browser keeps it from them (see `storeBundledPack`). */
  session?: { get: Get };
}

/**
 * The stored copy of the bundled pack (undefined when there is none): from `storage.session`, where the
 * background keeps it in memory, else from `storage.local`, where it goes when this browser does not let
 * content scripts read the session area (or kept it before). Never rejects for the session area's sake.
 */
export function readBundledCopy(areas: StorageAreas): Promise<unknown> {
  const fromLocal = () => areas.local.get([BUNDLED_PACK_KEY]).then((raw) => raw[BUNDLED_PACK_KEY]);
  let session: Promise<Record<string, unknown>> | undefined;
  try {
    session = areas.session?.get([BUNDLED_PACK_KEY]);
  } catch {
    // Some browsers throw at once, rather than reject, in a context that may not read the area.
  }
  if (!session) return fromLocal();
  return session.then((raw) => raw[BUNDLED_PACK_KEY] ?? fromLocal(), fromLocal);
}

/**
 * Where the document_start script leaves its reads for the main content script. Both run in this
 * extension's isolated world of the frame and share its global object, which the page cannot see.
 */
const SLOT = '__factcontextEarlyReads';

type WithSlot = { [SLOT]?: EarlyReads };

/**
 * Starts the page-load reads (called as the document starts loading, long before the main script runs
 * after the HTML is parsed) and leaves them for `takeEarlyReads`. Rejections are kept for the taker. Only
 * the top frame reads the bundled pack's copy here: other frames read it once they have text (most never
 * do, and the copy is about 380 kB).
 */
export function startEarlyReads(areas: StorageAreas, global: object = globalThis, topFrame = true): EarlyReads {
  const reads: EarlyReads = {
    sync: areas.sync.get(PAGE_LOAD_SYNC_KEYS),
    local: areas.local.get(PAGE_LOAD_LOCAL_KEYS),
    ...(topFrame ? { bundled: readBundledCopy(areas) } : {}),
  };
  // Not an unhandled rejection in the page's console if nobody takes them (the main script failed).
  for (const read of [reads.sync, reads.local, reads.bundled]) read?.catch(() => {});
  (global as WithSlot)[SLOT] = reads;
  return reads;
}

/** The reads started at document_start in this frame, once (undefined if that script did not run). */
export function takeEarlyReads(global: object = globalThis): EarlyReads | undefined {
  const slot = global as WithSlot;
  const reads = slot[SLOT];
  delete slot[SLOT];
  return reads;
}

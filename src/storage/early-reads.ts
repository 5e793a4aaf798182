import { PAGE_LOAD_SYNC_KEYS, pageLoadLocalKeys } from './keys';

/** The raw answers of the page-load reads, as `storage.sync.get` and `storage.local.get` give them. */
export interface EarlyReads {
  sync: Promise<Record<string, unknown>>;
  local: Promise<Record<string, unknown>>;
}

export interface StorageAreas {
  sync: { get(keys: string[]): Promise<Record<string, unknown>> };
  local: { get(keys: string[]): Promise<Record<string, unknown>> };
}

/**
 * Where the document_start script leaves its reads for the main content script. Both run in this
 * extension's isolated world of the frame and share its global object, which the page cannot see.
 */
const SLOT = '__factcontextEarlyReads';

type WithSlot = { [SLOT]?: EarlyReads };

/**
 * Starts the page-load reads (called as the document starts loading, long before the main script runs
 * after the HTML is parsed) and leaves them for `takeEarlyReads`. Rejections are kept for the taker.
 */
export function startEarlyReads(areas: StorageAreas, global: object = globalThis, topFrame = true): EarlyReads {
  const reads: EarlyReads = {
    sync: areas.sync.get(PAGE_LOAD_SYNC_KEYS),
    local: areas.local.get(pageLoadLocalKeys(topFrame)),
  };
  // Not an unhandled rejection in the page's console if nobody takes them (the main script failed).
  reads.sync.catch(() => {});
  reads.local.catch(() => {});
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

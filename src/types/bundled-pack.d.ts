// Served at build time by modules/bundled-pack.ts.
declare module 'virtual:factcontext/bundled-pack-id' {
  /** The id of this build's bundled pack data (`BundledPackData.id`), which a stored copy must carry. */
  export const BUNDLED_PACK_DATA_ID: string;
  /** The bundled pack's own id (`Pack.id`), which the reader's settings name it by. */
  export const BUNDLED_PACK_ID: string;
  /** The source of the bundled pack's sieve (`PrecompiledIndex.sieve`; null: every block is matched). */
  export const BUNDLED_SIEVE: string | null;
}

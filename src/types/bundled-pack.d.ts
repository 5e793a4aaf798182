// Served at build time by modules/bundled-pack.ts.
declare module 'virtual:factcontext/bundled-pack' {
  import type { Pack } from '../core/pack/schema';
  import type { PrecompiledIndex } from '../core/match/precompiled';
  /** The bundled pack without its examples. */
  export const pack: Pack;
  /** Its patterns, expanded and anchored at build time. */
  export const index: PrecompiledIndex;
}

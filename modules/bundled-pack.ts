import { addViteConfig, defineWxtModule } from 'wxt/modules';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { Pack } from '../src/core/pack/schema';
import { precompilePack } from '../src/core/match/precompiled';

/** The module id the content script imports the bundled pack from. */
export const BUNDLED_PACK_ID = 'virtual:factcontext/bundled-pack';
/** The pack shipped with the extension (the one src/storage/active-packs.ts imports too). */
export const BUNDLED_PACK_FILE = 'packs/belarus-ukraine-troubled-period.json';

/**
 * The module's source: the pack without its examples (they serve the build-time check, not the page) and
 * its precompiled index, each as a `JSON.parse` of a string literal, which V8 parses several times faster
 * than the same data written as an object literal.
 */
export function bundledPackModule(pack: Pack): string {
  const slim: Pack = {
    ...pack,
    narratives: pack.narratives.map((n) => ({ ...n, examples: {}, counterExamples: {} })),
  };
  const literal = (value: unknown) => `JSON.parse(${JSON.stringify(JSON.stringify(value))})`;
  return `export const pack = ${literal(slim)};\nexport const index = ${literal(precompilePack(pack))};\n`;
}

/**
 * Serves `virtual:factcontext/bundled-pack` to the build: the content script gets the pack with its
 * patterns already expanded and anchored, so a page load spends no time compiling them. The pack itself
 * is validated, examples included, by modules/pack-check.ts before the build.
 */
function bundledPackPlugin(file: string): Plugin {
  const resolved = `\0${BUNDLED_PACK_ID}`;
  return {
    name: 'factcontext-bundled-pack',
    resolveId: (id) => (id === BUNDLED_PACK_ID ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      this.addWatchFile(file);
      return bundledPackModule(JSON.parse(readFileSync(file, 'utf8')) as Pack);
    },
  };
}

export default defineWxtModule({
  name: 'factcontext-bundled-pack',
  setup(wxt) {
    addViteConfig(wxt, () => ({ plugins: [bundledPackPlugin(resolve(wxt.config.root, BUNDLED_PACK_FILE))] }));
  },
});

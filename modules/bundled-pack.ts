import { addViteConfig, defineWxtModule } from 'wxt/modules';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { Pack } from '../src/core/pack/schema';
import { precompilePack } from '../src/core/match/precompiled';
import type { BundledPackData } from '../src/storage/bundled-pack';

/** The module the content script imports the id of this build's bundled pack from. */
export const BUNDLED_PACK_ID_MODULE = 'virtual:factcontext/bundled-pack-id';
/** The pack shipped with the extension (the one src/storage/active-packs.ts imports too). */
export const BUNDLED_PACK_FILE = 'packs/belarus-ukraine-troubled-period.json';
/** Where the build writes the bundled pack's data, for the background to copy into storage. */
export const BUNDLED_PACK_OUTPUT = 'bundled-pack.json';

/**
 * What pages use of the bundled pack: the pack without its examples (they serve the build-time check, not
 * the page) and its precompiled index, as JSON text (the index's anchor tables apart), with an id that
 * changes whenever any of them does.
 */
export function bundledPackData(pack: Pack): BundledPackData {
  const slim: Pack = {
    ...pack,
    narratives: pack.narratives.map((n) => ({ ...n, examples: {}, counterExamples: {} })),
  };
  const packText = JSON.stringify(slim);
  const { tables, ...rest } = precompilePack(pack);
  const index = JSON.stringify(rest);
  const hash = createHash('sha256')
    .update([packText, index, JSON.stringify(tables)].join('\n'))
    .digest('hex');
  return { id: `${pack.id}@${pack.version}#${hash.slice(0, 16)}`, pack: packText, index, tables };
}

/** The source of the bundled pack's sieve (null: its index has none), which the content script carries. */
export function bundledSieveSource(data: BundledPackData): string | null {
  const { sieve } = JSON.parse(data.index) as { sieve?: unknown };
  return typeof sieve === 'string' ? sieve : null;
}

/**
 * Serves `virtual:factcontext/bundled-pack-id`: the id the content script checks the stored copy against,
 * and the pack's sieve (about 16 kB), so that a page can be searched for places as soon as the script runs,
 * without a storage read first (see src/content/page-load-reads.ts). Also writes `bundled-pack.json` into
 * the build (the background stores it on install and update, and sends it to a page that finds no usable
 * copy). The pack itself is validated, examples included, by
 * modules/pack-check.ts before the build.
 */
function bundledPackPlugin(file: string, data: () => BundledPackData): Plugin {
  const resolved = `\0${BUNDLED_PACK_ID_MODULE}`;
  return {
    name: 'factcontext-bundled-pack',
    resolveId: (id) => (id === BUNDLED_PACK_ID_MODULE ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      this.addWatchFile(file);
      const dataId = data().id;
      // The pack's own id is the data id's part before the version (`${pack.id}@${pack.version}#hash`).
      const packId = dataId.slice(0, dataId.lastIndexOf('@'));
      return (
        `export const BUNDLED_PACK_DATA_ID = ${JSON.stringify(dataId)};\n` +
        `export const BUNDLED_PACK_ID = ${JSON.stringify(packId)};\n` +
        `export const BUNDLED_SIEVE = ${JSON.stringify(bundledSieveSource(data()))};\n`
      );
    },
  };
}

export default defineWxtModule({
  name: 'factcontext-bundled-pack',
  setup(wxt) {
    const file = resolve(wxt.config.root, BUNDLED_PACK_FILE);
    // Made once per build (and again in development when the pack file changes).
    let cached: { source: string; data: BundledPackData } | null = null;
    const data = () => {
      const source = readFileSync(file, 'utf8');
      if (cached?.source !== source) cached = { source, data: bundledPackData(JSON.parse(source) as Pack) };
      return cached.data;
    };
    addViteConfig(wxt, () => ({ plugins: [bundledPackPlugin(file, data)] }));
    wxt.hooks.hook('build:done', (_wxt, output) => {
      writeFileSync(resolve(wxt.config.outDir, BUNDLED_PACK_OUTPUT), JSON.stringify(data()));
      output.publicAssets.push({ type: 'asset', fileName: BUNDLED_PACK_OUTPUT });
    });
    wxt.hooks.hook('prepare:publicPaths', (_wxt, paths) => {
      paths.push(BUNDLED_PACK_OUTPUT);
    });
  },
});

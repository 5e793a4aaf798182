import { addViteConfig, defineWxtModule } from 'wxt/modules';
import type { Plugin } from 'vite';

/** The polyfill's file, as its package's `main` names it. */
export const POLYFILL_FILE = /[\\/]webextension-polyfill[\\/]dist[\\/]browser-polyfill(?:\.min)?\.js$/;

/**
 * webextension-polyfill as an ES module whose default export is what the CommonJS module exports. Imported
 * as CommonJS, its export went through the bundler's interop, which copies every property of the exported
 * object onto a new one. Where the browser has its own promise-based `browser` (Firefox, current Chromium),
 * that object is the export, and listing its properties' descriptors makes the browser set up every
 * extension API it has (app, runtime, storage, i18n …): 2–4 ms of every content script start, in every
 * frame. The polyfill's own code runs unchanged, with `exports` and `module` it can see.
 */
export function polyfillAsEsModule(source: string): string {
  return [
    'const module = { exports: {} };',
    'const exports = module.exports;',
    // `define` is hidden, so that the polyfill's UMD wrapper takes its CommonJS branch.
    '(function (define) {',
    // Its source map describes the file as it was.
    source.replace(/^\/\/# sourceMappingURL=.*$/m, ''),
    '}).call(globalThis, undefined);',
    'export default module.exports;',
    '',
  ].join('\n');
}

function polyfillEsmPlugin(): Plugin {
  return {
    name: 'factcontext-polyfill-esm',
    enforce: 'pre',
    transform(code, id) {
      return POLYFILL_FILE.test(id.split('?')[0]!) ? { code: polyfillAsEsModule(code), map: null } : undefined;
    },
  };
}

export default defineWxtModule({
  name: 'factcontext-polyfill-esm',
  setup(wxt) {
    addViteConfig(wxt, () => ({ plugins: [polyfillEsmPlugin()] }));
  },
});

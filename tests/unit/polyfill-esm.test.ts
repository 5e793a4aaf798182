import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { POLYFILL_FILE, polyfillAsEsModule } from '../../modules/polyfill-esm';

const file = createRequire(import.meta.url).resolve('webextension-polyfill');
const globals = globalThis as { browser?: unknown; chrome?: unknown };

/** Evaluates the transformed polyfill as the bundle does: as an ES module (a fresh copy each time). */
async function load(): Promise<unknown> {
  const out = join(mkdtempSync(join(tmpdir(), 'fc-polyfill-')), 'browser-polyfill.mjs');
  writeFileSync(out, polyfillAsEsModule(readFileSync(file, 'utf8')));
  return ((await import(pathToFileURL(out).href)) as { default: unknown }).default;
}

afterEach(() => {
  delete globals.browser;
  delete globals.chrome;
});

describe('webextension-polyfill as an ES module', () => {
  it('is applied to the file the package resolves to', () => {
    expect(POLYFILL_FILE.test(file)).toBe(true);
    expect(polyfillAsEsModule('x')).toMatch(/export default module\.exports;/);
  });

  it('exports the browser’s own promise-based API where there is one, without touching its properties', async () => {
    let touched = 0;
    const native = Object.defineProperty({ runtime: { id: 'ext' } }, 'app', {
      enumerable: true,
      get: () => ++touched,
    });
    globals.chrome = { runtime: { id: 'ext' } };
    globals.browser = native;
    expect(await load()).toBe(native);
    expect(touched).toBe(0);
  });

  it('wraps `chrome` where there is no `browser`', async () => {
    let listened = 0;
    globals.chrome = {
      runtime: { id: 'ext', lastError: null, onMessage: { addListener: () => listened++ } },
    };
    const wrapped = (await load()) as { runtime: { id: string; onMessage: { addListener(f: () => void): void } } };
    expect(wrapped).not.toBe(globals.chrome);
    expect(wrapped.runtime.id).toBe('ext');
    wrapped.runtime.onMessage.addListener(() => {});
    expect(listened).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CHROME_BUILD_DIR,
  captureProblems,
  extensionMessages,
  launchWithExtension,
  startFixtureServer,
  waitForHighlights,
  type LoadedExtension,
} from './harness';

/**
 * The bundled pack reaches pages through storage, not through the content script's code: the background
 * stores the copy the build wrote (in Chromium, in `storage.session`, opened to content scripts), each page
 * load reads it as the document starts loading, and a page that finds none (or a stale or damaged one) asks
 * the background, which stores it again.
 */

/** The extension APIs used inside the service worker (evaluated there, typed here). */
interface Area {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}
declare const chrome: { storage: { local: Area; session: Area } };

interface StoredCopy {
  id: string;
  pack: string;
  index: string;
  tables: Record<string, string>;
}

const built = (): StoredCopy => JSON.parse(readFileSync(join(CHROME_BUILD_DIR, 'bundled-pack.json'), 'utf8'));

describe('the bundled pack in storage', () => {
  let ext: LoadedExtension;
  let server: Awaited<ReturnType<typeof startFixtureServer>>;

  const stored = () =>
    ext.serviceWorker.evaluate(async () => (await chrome.storage.session.get('bundledPack')).bundledPack ?? null);

  async function highlightsOnFreshPage() {
    const page = await ext.browser.newPage();
    const problems = captureProblems(page);
    await page.goto(`${server.origin}/en-border-tensions.html`);
    const ranges = await waitForHighlights(page, (r) => r.some((h) => /Belarusian tanks/.test(h.text)));
    await page.close();
    return { texts: ranges.map((r) => r.text.replace(/\s+/g, ' ')), messages: extensionMessages(problems) };
  }

  beforeAll(async () => {
    server = await startFixtureServer();
    ext = await launchWithExtension();
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('is stored on install as the build wrote it, and is not part of the content script', async () => {
    const copy = built();
    expect(copy.id).toMatch(/^belarus-ukraine-troubled-period@[\d.]+#[0-9a-f]{16}$/);
    await expect.poll(stored, { timeout: 5_000 }).toEqual(copy);
    // Held in memory; nothing of it is left in storage.local, on disk.
    expect(await ext.serviceWorker.evaluate(() => chrome.storage.local.get('bundledPack'))).toEqual({});
    const script = readFileSync(join(CHROME_BUILD_DIR, 'content-scripts/content.js'), 'utf8');
    // Compiled on every page load in every frame: the pack's text and its index stay out of it.
    expect(script).toContain(copy.id);
    expect(script).not.toContain('"format":7');
    expect(script).not.toContain(JSON.parse(copy.pack).narratives[0].counterAnalysis.slice(0, 60));
    expect(script.length).toBeLessThan(JSON.stringify(copy).length / 1.5);
    const { texts, messages } = await highlightsOnFreshPage();
    expect(texts).toContain('Belarusian tanks');
    expect(messages).toEqual([]);
  });

  it('is fetched from the background, and stored again, when a page finds none', async () => {
    await ext.serviceWorker.evaluate(() => chrome.storage.session.remove('bundledPack'));
    expect(await stored()).toBeNull();
    const { texts, messages } = await highlightsOnFreshPage();
    expect(texts).toContain('Belarusian tanks');
    // Nothing to warn about: the first pages after an install or update take this path.
    expect(messages).toEqual([]);
    expect(await stored()).toEqual(built());
  });

  it('is replaced, with a warning, when the stored copy is damaged or from another build', async () => {
    const copy = built();
    await ext.serviceWorker.evaluate(
      (c: StoredCopy) => chrome.storage.session.set({ bundledPack: { ...c, index: '{"format":7,' } }),
      copy,
    );
    const damaged = await highlightsOnFreshPage();
    expect(damaged.texts).toContain('Belarusian tanks');
    expect(damaged.messages.map((m) => m.text).join('\n')).toMatch(/stored copy of the bundled pack is not JSON/);
    expect(await stored()).toEqual(copy);

    await ext.serviceWorker.evaluate(
      (c: StoredCopy) =>
        chrome.storage.session.set({ bundledPack: { ...c, id: 'belarus-ukraine-troubled-period@0.0.1#0' } }),
      copy,
    );
    const stale = await highlightsOnFreshPage();
    expect(stale.texts).toContain('Belarusian tanks');
    expect(stale.messages).toEqual([]);
    expect(await stored()).toEqual(copy);
  });
});

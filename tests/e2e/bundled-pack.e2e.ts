import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  appendPhraseLater,
  CHROME_BUILD_DIR,
  captureProblems,
  extensionMessages,
  launchWithExtension,
  packLoadMarks,
  packLoadMarksOnceHighlighted,
  readScanMeasures,
  servePhraseInBodyPage,
  servePlaceWithoutPhrasePage,
  serveNoPlacesPage,
  startFixtureServer,
  waitForHighlights,
  type LoadedExtension,
} from './harness';

/**
 * The bundled pack reaches pages through storage, not through the content script's code: the background
 * stores the copy the build wrote (in Chromium, in `storage.session`, opened to content scripts), as a head
 * (the index) and a body (the pack and the anchor tables). The content script carries only the pack's
 * sieve; a page reads the head only once the sieve finds a place in its text, and the body only once a
 * block passes the prefilter (both at once where its title has a place); a page that finds none (or a stale
 * or damaged one) asks the background, which stores it again.
 */

/** The extension APIs used inside the service worker (evaluated there, typed here). */
interface Area {
  get(key: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}
declare const chrome: { storage: { local: Area; session: Area } };

interface StoredCopy {
  id: string;
  pack: string;
  index: string;
  tables: Record<string, string>;
}

/** The marks of a page that read the whole copy: its sieve, the matcher from the head, the body. */
const ALL_READ = ['factcontext:sieve-ready', 'factcontext:matcher-ready', 'factcontext:body-ready'];

const built = (): StoredCopy => JSON.parse(readFileSync(join(CHROME_BUILD_DIR, 'bundled-pack.json'), 'utf8'));
/** The two items storage keeps for the copy the build wrote. */
const builtItems = () => {
  const { id, index, pack, tables } = built();
  return { bundledPack: { id, index }, bundledPackBody: { id, pack, tables } };
};

describe('the bundled pack in storage', () => {
  let ext: LoadedExtension;
  let server: Awaited<ReturnType<typeof startFixtureServer>>;

  const stored = () =>
    ext.serviceWorker.evaluate(async () => {
      const items = await chrome.storage.session.get(null);
      return items.bundledPack || items.bundledPackBody
        ? { bundledPack: items.bundledPack, bundledPackBody: items.bundledPackBody }
        : null;
    });
  const storedKeys = () => ext.serviceWorker.evaluate(async () => Object.keys(await chrome.storage.session.get(null)));

  async function highlightsOnFreshPage() {
    const page = await ext.browser.newPage();
    const problems = captureProblems(page);
    await page.goto(`${server.origin}/en-border-tensions.html`);
    const ranges = await waitForHighlights(page, (r) => r.some((h) => /Belarusian tanks/.test(h.text)));
    await page.close();
    return { texts: ranges.map((r) => r.text.replace(/\s+/g, ' ')), messages: extensionMessages(problems) };
  }

  /**
   * A page whose first pass highlights nothing: that pass's measure and pack-load marks, then, once a phrase is
   * added to the page, what got highlighted and the marks again.
   */
  async function firstPassThenPhrase(path: string) {
    const page = await ext.browser.newPage();
    const problems = captureProblems(page);
    await page.goto(`${server.origin}${path}`);
    await page.waitForFunction(() => performance.getEntriesByName('factcontext:scan').length > 0);
    const [first] = await readScanMeasures(page);
    const before = await packLoadMarks(page);
    const added = (await appendPhraseLater(page)).join();
    const after = await packLoadMarks(page);
    await page.close();
    const detail = first!.detail as NonNullable<typeof first>['detail'] & { matchedChars: number };
    return { detail, before, added, after, messages: extensionMessages(problems) };
  }

  beforeAll(async () => {
    server = await startFixtureServer({
      '/no-places.html': serveNoPlacesPage,
      '/phrase-in-body.html': servePhraseInBodyPage,
      '/place-without-phrase.html': servePlaceWithoutPhrasePage,
    });
    ext = await launchWithExtension();
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('is stored on install as the build wrote it, and is not part of the content script', async () => {
    const copy = built();
    expect(copy.id).toMatch(/^belarus-ukraine-troubled-period@[\d.]+#[0-9a-f]{16}$/);
    await expect.poll(stored, { timeout: 5_000 }).toEqual(builtItems());
    // Held in memory; nothing of it is left in storage.local, on disk.
    expect(
      await ext.serviceWorker.evaluate(() => chrome.storage.local.get(['bundledPack', 'bundledPackBody'])),
    ).toEqual({});
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

  it('is read by a page only once the sieve the content script carries finds a place in the page’s text', async () => {
    await expect.poll(stored, { timeout: 5_000 }).toEqual(builtItems());
    // The copy alone: the sieve travels in the content script.
    expect((await storedKeys()).sort()).toEqual(['bundledPack', 'bundledPackBody']);
    const noPlaces = await firstPassThenPhrase('/no-places.html');
    expect(noPlaces.detail).toMatchObject({ matches: 0, matchedChars: 0 });
    expect(noPlaces.detail.chars).toBeGreaterThan(50);
    expect(noPlaces.before).toEqual(['factcontext:sieve-ready']);
    // Text that arrives later with a phrase in it: the copy is read then, and the phrase highlighted.
    expect(noPlaces.added).toMatch(/^Belarusian tanks/);
    expect(noPlaces.after).toEqual(ALL_READ);
    expect(noPlaces.messages).toEqual([]);
  });

  it('has its body read only once a block passes the prefilter, not for a place alone', async () => {
    const placeOnly = await firstPassThenPhrase('/place-without-phrase.html');
    // The sieve found its place, the head was read and the matcher made: the prefilter let nothing through.
    expect(placeOnly.detail.matches).toBe(0);
    expect(placeOnly.detail.matchedChars).toBeGreaterThan(0);
    expect(placeOnly.before).toEqual(['factcontext:sieve-ready', 'factcontext:matcher-ready']);
    // A phrase arrives: the body is read then, and the phrase highlighted.
    expect(placeOnly.added).toMatch(/^Belarusian tanks/);
    expect(placeOnly.after).toEqual(ALL_READ);
    expect(placeOnly.messages).toEqual([]);
  });

  it('is read as the content script begins where the page’s title has a place, else by the first pass', async () => {
    const page = await ext.browser.newPage();
    const problems = captureProblems(page);
    expect(await packLoadMarksOnceHighlighted(page, `${server.origin}/en-border-tensions.html`)).toEqual([
      'factcontext:copy-read-early',
      'factcontext:sieve-ready',
      'factcontext:matcher-ready',
      'factcontext:body-ready',
    ]);
    // Before the engine exists: while the rest of the content script is evaluated.
    const order = await page.evaluate(() =>
      ['copy-read-early', 'engine-created'].map((n) => performance.getEntriesByName(`factcontext:${n}`)[0]!.startTime),
    );
    expect(order[0]).toBeLessThan(order[1]!);

    // A phrase in the text only: found by the first pass, which reads the copy then.
    await page.goto(`${server.origin}/phrase-in-body.html`);
    expect((await waitForHighlights(page, (r) => r.length > 0)).map((r) => r.text)).toEqual([
      'Belarusian tanks will move south',
    ]);
    expect(await packLoadMarks(page)).toEqual(ALL_READ);
    expect(extensionMessages(problems)).toEqual([]);
    await page.close();
  });

  it('is fetched from the background, and stored again, when a page finds none', async () => {
    await ext.serviceWorker.evaluate(() => chrome.storage.session.remove(['bundledPack', 'bundledPackBody']));
    expect(await stored()).toBeNull();
    const { texts, messages } = await highlightsOnFreshPage();
    expect(texts).toContain('Belarusian tanks');
    // Nothing to warn about: the first pages after an install or update take this path.
    expect(messages).toEqual([]);
    expect(await stored()).toEqual(builtItems());
    // The body alone gone: a page that needs it asks too.
    await ext.serviceWorker.evaluate(() => chrome.storage.session.remove(['bundledPackBody']));
    const again = await highlightsOnFreshPage();
    expect(again.texts).toContain('Belarusian tanks');
    expect(again.messages).toEqual([]);
    expect(await stored()).toEqual(builtItems());
  });

  it('is replaced, with a warning, when the stored copy is damaged or from another build', async () => {
    const items = builtItems();
    await ext.serviceWorker.evaluate(
      (head: StoredCopy) => chrome.storage.session.set({ bundledPack: { ...head, index: '{"format":7,' } }),
      items.bundledPack as StoredCopy,
    );
    const damaged = await highlightsOnFreshPage();
    expect(damaged.texts).toContain('Belarusian tanks');
    expect(damaged.messages.map((m) => m.text).join('\n')).toMatch(/stored copy of the bundled pack is not JSON/);
    expect(await stored()).toEqual(items);

    await ext.serviceWorker.evaluate(
      (body: StoredCopy) => chrome.storage.session.set({ bundledPackBody: { ...body, pack: '{"narratives":' } }),
      items.bundledPackBody as StoredCopy,
    );
    const damagedBody = await highlightsOnFreshPage();
    expect(damagedBody.texts).toContain('Belarusian tanks');
    expect(damagedBody.messages.map((m) => m.text).join('\n')).toMatch(/bundled pack’s body is not JSON/);
    expect(await stored()).toEqual(items);

    await ext.serviceWorker.evaluate(
      (c: StoredCopy) =>
        chrome.storage.session.set({ bundledPack: { ...c, id: 'belarus-ukraine-troubled-period@0.0.1#0' } }),
      items.bundledPack as StoredCopy,
    );
    const stale = await highlightsOnFreshPage();
    expect(stale.texts).toContain('Belarusian tanks');
    expect(stale.messages).toEqual([]);
    expect(await stored()).toEqual(items);
  });
});

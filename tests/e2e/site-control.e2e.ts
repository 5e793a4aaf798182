import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  clickInPopover,
  launchWithExtension,
  waitForPopoverState,
  listHighlights,
  parsedExtensionScripts,
  startFixtureServer,
  waitForHighlights,
  waitForScansToSettle,
  screenshotDir,
  type LoadedExtension,
} from './harness';

/**
 * Site control in real Chromium: the popup's per-site switch and global pause act on every open tab of
 * the site within a second and persist across reloads and browser restarts; the badge equals the
 * tab's highlight count; keyboard commands; pack import validation; accessibility; screenshots.
 */

/** The extension APIs used inside the service worker (evaluated there, typed here). */
declare const chrome: {
  tabs: {
    query(q: object): Promise<{ id?: number; url?: string }[]>;
    sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown>;
  };
  action: { getBadgeText(d: { tabId: number }): Promise<string>; getTitle(d: { tabId: number }): Promise<string> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

const REPO = resolve(import.meta.dirname, '../..');
const AXE = resolve(REPO, 'node_modules/axe-core/axe.min.js');
const SCREENSHOTS = screenshotDir();
const ONE_SECOND = 1000;

async function tabIdFor(ext: LoadedExtension, url: string): Promise<number> {
  const id = await ext.serviceWorker.evaluate(async (u: string) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`No tab for ${url}`);
  return id;
}

async function badgeText(ext: LoadedExtension, tabId: number): Promise<string> {
  return ext.serviceWorker.evaluate((id: number) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** Waits (polling) until the predicate holds; returns the last value. */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms; last ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}

/** The content script's own answer for a tab (once it has started): whether it runs and its count. */
async function pageSummary(ext: LoadedExtension, tabId: number): Promise<{ enabled: boolean; total: number }> {
  return until(
    () =>
      ext.serviceWorker.evaluate(async (id: number) => {
        try {
          return (await chrome.tabs.sendMessage(id, { type: 'get-summary' }, { frameId: 0 })) as {
            enabled: boolean;
            total: number;
          } | null;
        } catch {
          return null;
        }
      }, tabId),
    (s) => s !== null,
    'content script summary',
  ) as Promise<{ enabled: boolean; total: number }>;
}

async function axeSeriousOrCritical(page: Page): Promise<string[]> {
  // Extension pages' CSP forbids injected script tags; DevTools evaluation is not subject to it.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    const results = await (window as unknown as { axe: typeof import('axe-core') }).axe.run(document);
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('site control', () => {
  let ext: LoadedExtension;
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  let userDataDir: string;
  let news: Page;
  let other: Page;
  let newsUrl: string;
  let otherUrl: string;
  let expected = 0;

  const openPopup = async (tabId: number): Promise<Page> => {
    const popup = await ext.browser.newPage();
    await popup.setViewport({ width: 360, height: 600 });
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('[role="switch"]');
    return popup;
  };

  beforeAll(async () => {
    server = await startFixtureServer();
    userDataDir = mkdtempSync(join(tmpdir(), 'factcontext-site-control-'));
    ext = await launchWithExtension({ userDataDir });
    newsUrl = `${server.origin}/en-border-tensions.html`;
    otherUrl = `${server.origin}/ru-pogranichnye-strahi.html`;
    news = await ext.browser.newPage();
    await news.goto(newsUrl);
    other = await ext.browser.newPage();
    await other.goto(otherUrl);
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  it('shows the tab’s highlight count on the badge', async () => {
    await waitForHighlights(news, (r) => r.length >= 2);
    // The first highlights are shown before the pass ends: count once it has.
    await waitForScansToSettle(news);
    const tabId = await tabIdFor(ext, newsUrl);
    const summary = await pageSummary(ext, tabId);
    expected = summary.total;
    expect(expected).toBeGreaterThanOrEqual(2);
    expect((await listHighlights(news)).length).toBe(expected);
    await until(
      () => badgeText(ext, tabId),
      (t) => t === String(expected),
      'badge',
    );
  });

  it('keeps the badge equal to the highlight count as the page changes and navigates in place', async () => {
    const tabId = await tabIdFor(ext, newsUrl);
    // A client-side navigation that adds a copy of the article's paragraphs.
    await news.evaluate(() => {
      history.pushState({}, '', `${location.pathname}?story=2`);
      const article = document.querySelector('article')!;
      const copy = document.createElement('section');
      for (const p of article.querySelectorAll('p')) copy.append(p.cloneNode(true));
      article.append(copy);
    });
    const grown = await waitForHighlights(news, (r) => r.length > expected);
    const count = (await listHighlights(news)).filter((h) => h.name !== 'factcontext-flash').length;
    expect(grown.length).toBeGreaterThan(expected);
    await until(
      () => badgeText(ext, tabId),
      (t) => t === String(count),
      'badge after change',
    );
    await news.goto(newsUrl);
    await waitForHighlights(news, (r) => r.length === expected);
    await until(
      () => badgeText(ext, tabId),
      (t) => t === String(expected),
      'badge after navigation',
    );
  });

  it('turns the site off from the popup in every open tab within a second, and the badge empties', async () => {
    await waitForHighlights(other, (r) => r.length > 0);
    const tabId = await tabIdFor(ext, newsUrl);
    const otherId = await tabIdFor(ext, otherUrl);
    const popup = await openPopup(tabId);
    const host = new URL(server.origin).hostname;
    const label = await popup.$eval('[role="switch"]', (el) => el.getAttribute('aria-label'));
    expect(label).toBe(`Highlights on ${host}`);
    expect(await popup.$eval('[role="switch"]', (el) => el.getAttribute('aria-checked'))).toBe('true');
    // "On this page" lists the narratives with counts adding up to the total.
    const counts = await popup.$$eval('.narratives .count', (els) => els.map((e) => Number(e.textContent)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(expected);

    await popup.click('[role="switch"]');
    await Promise.all([
      waitForHighlights(news, (r) => r.length === 0, ONE_SECOND),
      waitForHighlights(other, (r) => r.length === 0, ONE_SECOND),
    ]);
    expect(await popup.$eval('[role="switch"]', (el) => el.getAttribute('aria-checked'))).toBe('false');
    await until(
      () => badgeText(ext, tabId),
      (t) => t === '',
      'badge cleared',
    );
    expect(await badgeText(ext, otherId)).toBe('');
    // The toolbar button tells the "off" state (with the "off" icon beside it).
    const title = await ext.serviceWorker.evaluate((id: number) => chrome.action.getTitle({ tabId: id }), tabId);
    expect(title).toBe(`factcontext is off on ${host}`);
    await popup.close();
  });

  it('stays off after a reload and after a browser restart with the same profile', async () => {
    // Watches, from the page's start, for any highlight or stylesheet of ours, however briefly: the load's
    // first scan runs hidden until the setting arrives, and must show nothing on a site that is off.
    await news.evaluateOnNewDocument(() => {
      const w = window as unknown as { __fcEverShown?: boolean };
      w.__fcEverShown = false;
      const sheets = () => document.adoptedStyleSheets.length;
      const before = sheets();
      const t0 = performance.now();
      const tick = () => {
        for (const k of CSS.highlights.keys()) if (k.startsWith('factcontext')) w.__fcEverShown = true;
        if (sheets() !== before) w.__fcEverShown = true;
        if (performance.now() - t0 < 2_000) setTimeout(tick, 0);
      };
      tick();
    });
    await news.reload();
    let tabId = await tabIdFor(ext, newsUrl);
    expect((await pageSummary(ext, tabId)).enabled).toBe(false);
    expect(await listHighlights(news)).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_000));
    const load = await news.evaluate(() => ({
      shown: (window as unknown as { __fcEverShown?: boolean }).__fcEverShown,
      hiddenScan: performance.getEntriesByName('factcontext:engine-start-hidden').length,
      shownScan: performance.getEntriesByName('factcontext:engine-start').length,
    }));
    expect(load).toEqual({ shown: false, hiddenScan: 1, shownScan: 0 });

    await ext.close({ keepProfile: true });
    ext = await launchWithExtension({ userDataDir });
    news = await ext.browser.newPage();
    await news.goto(newsUrl);
    tabId = await tabIdFor(ext, newsUrl);
    expect((await pageSummary(ext, tabId)).enabled).toBe(false);
    expect(await listHighlights(news)).toEqual([]);
    expect(await badgeText(ext, tabId)).toBe('');
    other = await ext.browser.newPage();
    await other.goto(otherUrl);
    expect((await pageSummary(ext, await tabIdFor(ext, otherUrl))).enabled).toBe(false);
  });

  it('turns the site back on: highlights return within a second and the badge counts them', async () => {
    const tabId = await tabIdFor(ext, newsUrl);
    const popup = await openPopup(tabId);
    await popup.click('[role="switch"]');
    const ranges = await waitForHighlights(news, (r) => r.length === expected, ONE_SECOND);
    expect(ranges.length).toBe(expected);
    await waitForHighlights(other, (r) => r.length > 0, ONE_SECOND);
    await until(
      () => badgeText(ext, tabId),
      (t) => t === String(expected),
      'badge restored',
    );
    await popup.close();
  });

  it('pauses everywhere and resumes, within a second', async () => {
    const tabId = await tabIdFor(ext, newsUrl);
    const popup = await openPopup(tabId);
    const [pause] = await popup.$$('::-p-text(Pause everywhere)');
    await pause!.click();
    await Promise.all([
      waitForHighlights(news, (r) => r.length === 0, ONE_SECOND),
      waitForHighlights(other, (r) => r.length === 0, ONE_SECOND),
    ]);
    await until(
      () => badgeText(ext, tabId),
      (t) => t === '',
      'badge cleared while paused',
    );
    const [resume] = await popup.$$('::-p-text(Resume)');
    await resume!.click();
    await waitForHighlights(news, (r) => r.length === expected, ONE_SECOND);
    await waitForHighlights(other, (r) => r.length > 0, ONE_SECOND);
    await until(
      () => badgeText(ext, tabId),
      (t) => t === String(expected),
      'badge after resume',
    );
    await popup.close();
  });

  it('jumps to and flashes a narrative’s occurrence from "On this page"', async () => {
    const tabId = await tabIdFor(ext, newsUrl);
    const popup = await openPopup(tabId);
    const button = await popup.waitForSelector('.narratives button');
    await button!.click();
    const flashed = await until(
      () =>
        news.evaluate(() => {
          const flash = CSS.highlights.get('factcontext-flash') as unknown as Iterable<AbstractRange> | undefined;
          return flash ? [...flash].map((r) => (r as Range).toString()) : [];
        }),
      (texts) => texts.length === 1,
      'flash highlight',
      ONE_SECOND,
    );
    const highlighted = (await listHighlights(news)).filter((h) => h.name !== 'factcontext-flash').map((h) => h.text);
    expect(highlighted).toContain(flashed[0]);
    await popup.close();
  });

  it('applies the reader’s colours and style to open pages at once', async () => {
    const sheetText = () =>
      news.evaluate(() =>
        [...document.adoptedStyleSheets].map((s) => [...s.cssRules].map((r) => r.cssText).join('\n')).join('\n'),
      );
    const options = await ext.browser.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    const disputed = await options.waitForSelector('#color-disputed');
    await disputed!.evaluate((el) => {
      (el as HTMLInputElement).value = '#123456';
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const css = await until(sheetText, (t) => t.includes('rgb(18, 52, 86)'), 'custom colour on the page', ONE_SECOND);
    expect(css).toMatch(/::highlight\(factcontext-disputed\)[^}]*text-decoration-color: rgb\(18, 52, 86\)/);
    await (await options.waitForSelector('::-p-text(Restore default colours)'))!.click();
    await until(sheetText, (t) => !t.includes('rgb(18, 52, 86)'), 'default colours back', ONE_SECOND);
    await options.close();
  });

  it('runs keyboard commands relayed by the background', async () => {
    const tabId = await tabIdFor(ext, newsUrl);
    await news.bringToFront();
    // Headless Chromium can't press extension shortcuts, so the test calls the same handler.
    const run = (command: string) =>
      ext.serviceWorker.evaluate(
        (c: string, id: number) =>
          (
            globalThis as unknown as {
              factcontextBackground: { runCommand(c: string, id: number): Promise<{ ok: boolean }> };
            }
          ).factcontextBackground.runCommand(c, id),
        command,
        tabId,
      );
    expect(await run('next-highlight')).toEqual({ ok: true });
    expect(await run('toggle-site')).toEqual({ ok: true });
    await waitForHighlights(news, (r) => r.length === 0, ONE_SECOND);
    expect(await run('toggle-site')).toEqual({ ok: true });
    await waitForHighlights(news, (r) => r.length === expected, ONE_SECOND);
    const restricted = await ext.browser.newPage();
    await restricted.goto('chrome://version/');
    const restrictedId = await tabIdFor(ext, 'chrome://version/');
    const result = await ext.serviceWorker.evaluate(
      (id: number) =>
        (
          globalThis as unknown as {
            factcontextBackground: { runCommand(c: string, id: number): Promise<{ ok: boolean; reason?: string }> };
          }
        ).factcontextBackground.runCommand('next-highlight', id),
      restrictedId,
    );
    expect(result).toEqual({ ok: false, reason: 'restricted' });
    const popup = await ext.browser.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${restrictedId}`);
    await popup.waitForSelector("::-p-text(can't run on this page)");
    await popup.close();
    await restricted.close();
  });

  it('keeps the current pack when an imported pack is broken, and names the path of the problem', async () => {
    const options = await ext.browser.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    const input = await options.waitForSelector('input[data-testid="pack-file"]');
    const pack = JSON.parse(readFileSync(resolve(REPO, 'packs/belarus-ukraine-troubled-period.json'), 'utf8'));
    pack.narratives[0].evidence.status = 'probably';
    const file = join(userDataDir, 'site-control-broken-pack.json');
    writeFileSync(file, JSON.stringify(pack));
    await input!.uploadFile(file);
    const alert = await options.waitForSelector('[role="alert"]');
    const text = await alert!.evaluate((el) => el.textContent ?? '');
    expect(text).toContain('narratives[0].evidence.status');
    const stored = await ext.serviceWorker.evaluate(() => chrome.storage.local.get('importedPacks'));
    expect(stored.importedPacks ?? []).toEqual([]);
    await news.reload();
    await waitForHighlights(news, (r) => r.length === expected);
    await options.close();
  });

  it('uses an imported pack on the page (validated again on load) instead of the bundled one', async () => {
    const options = await ext.browser.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    const input = await options.waitForSelector('input[data-testid="pack-file"]');
    const pack = JSON.parse(readFileSync(resolve(REPO, 'packs/belarus-ukraine-troubled-period.json'), 'utf8'));
    pack.version = '99.0.0';
    // The second pattern has a long word, misspelt: the page's "Television" is one letter from it, which the
    // typo stage finds, with its scorer (fuse.js) loaded into the page for this pack.
    pack.narratives[0].patterns.en = [
      ...(pack.narratives[0].patterns.en ?? []),
      'Minsk and Moscow are saying',
      'telewision pundits',
    ];
    const file = join(userDataDir, 'site-control-extended-pack.json');
    writeFileSync(file, JSON.stringify(pack));
    await input!.uploadFile(file);
    await options.waitForSelector('::-p-text(version 99.0.0)');
    await news.reload();
    await waitForHighlights(
      news,
      (r) =>
        r.some((h) => /Minsk and Moscow are saying/i.test(h.text)) && r.some((h) => h.text === 'Television pundits'),
    );
    expect((await parsedExtensionScripts(news)).filter((p) => p === '/variant-confirm.js')).toHaveLength(1);
    // Removing it brings the bundled pack back.
    const [remove] = await options.$$(`::-p-aria(Remove the pack “${pack.title}”)`);
    await remove!.click();
    await until(
      () => ext.serviceWorker.evaluate(() => chrome.storage.local.get('importedPacks')),
      (v) => Array.isArray(v.importedPacks) && v.importedPacks.length === 0,
      'imported pack removed',
    );
    await news.reload();
    const ranges = await waitForHighlights(news, (r) => r.length === expected);
    expect(ranges.some((h) => /Minsk and Moscow are saying|Television pundits/i.test(h.text))).toBe(false);
    expect((await parsedExtensionScripts(news)).filter((p) => p === '/variant-confirm.js')).toEqual([]);
    await options.close();
  });

  it('has no serious or critical accessibility violations in the popup and options pages, and saves screenshots', async () => {
    const tabId = await tabIdFor(ext, newsUrl);
    const popup = await openPopup(tabId);
    await popup.waitForSelector('.narratives .count');
    expect(await axeSeriousOrCritical(popup)).toEqual([]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const height = await popup.evaluate(() => document.documentElement.scrollHeight);
    await popup.setViewport({ width: 360, height });
    await popup.screenshot({ path: join(SCREENSHOTS, 'popup.png') });
    await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    expect(await axeSeriousOrCritical(popup)).toEqual([]);
    await popup.screenshot({ path: join(tmpdir(), 'factcontext-popup-dark.png') });
    await popup.close();

    const options = await ext.browser.newPage();
    await options.setViewport({ width: 1200, height: 900 });
    const pack = JSON.parse(readFileSync(resolve(REPO, 'packs/belarus-ukraine-troubled-period.json'), 'utf8'));
    await options.goto(`chrome-extension://${ext.extensionId}/options.html#narrative=${pack.narratives[0].id}`);
    await options.waitForSelector('article.narrative-detail');
    // Two site rules added through the page (other sites than the test's), so the list shows.
    const siteInput = await options.waitForSelector('#sites input:not([type])');
    for (const host of ['news.example.org', 'пример.рф']) {
      await siteInput!.click({ clickCount: 3 });
      await siteInput!.type(host);
      await options.click('#sites form button[type="submit"]');
      await options.waitForSelector(`::-p-aria([name="${host}"][role="rowheader"])`);
    }
    expect(await axeSeriousOrCritical(options)).toEqual([]);
    await options.evaluate(() => window.scrollTo(0, 0));
    await options.screenshot({ path: join(SCREENSHOTS, 'options.png') });
    await options.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    expect(await axeSeriousOrCritical(options)).toEqual([]);
    await options.screenshot({ path: join(tmpdir(), 'factcontext-options-dark.png') });
    for (const host of ['news.example.org', 'пример.рф']) {
      const [remove] = await options.$$(`::-p-aria(Remove ${host})`);
      await remove!.click();
      await options.waitForSelector(`::-p-aria([name="${host}"][role="rowheader"])`, { hidden: true });
    }
    await options.close();
  });
  it('gives the popover real actions: local reports, a report to review, More, and turning the site off', async () => {
    const tabId = await tabIdFor(ext, newsUrl);
    await news.bringToFront();
    const next = () =>
      ext.serviceWorker.evaluate(
        (id: number) =>
          (
            globalThis as unknown as {
              factcontextBackground: { runCommand(c: string, id: number): Promise<{ ok: boolean }> };
            }
          ).factcontextBackground.runCommand('next-highlight', id),
        tabId,
      );
    const reports = async () =>
      ((await ext.serviceWorker.evaluate(() => chrome.storage.local.get('reports'))).reports ?? []) as {
        kind: string;
        id: string;
        host: string;
        url?: string;
      }[];

    await next();
    await waitForPopoverState(news, (s) => s !== null);
    await clickInPopover(news, 'button', 'Not relevant here');
    const [falsePositive] = await until(reports, (r) => r.length === 1, 'false-positive report stored');
    expect(falsePositive).toMatchObject({ kind: 'false-positive', host: new URL(server.origin).hostname });
    expect(falsePositive!.url).toBeUndefined();

    await next();
    await waitForPopoverState(news, (s) => s !== null);
    await clickInPopover(news, 'button', 'Report a problem');
    const target = await ext.browser.waitForTarget((t) => t.url().includes('options.html#report='));
    const review = (await target.page())!;
    const problem = (await until(reports, (r) => r.length === 2, 'problem report stored'))[1]!;
    expect(review.url()).toContain(`#report=${problem.id}`);
    await review.waitForSelector(`#report-${problem.id}.focused`);

    await news.bringToFront();
    await next();
    const state = await waitForPopoverState(news, (s) => s !== null && !!s.narrative);
    await clickInPopover(news, 'button', 'More');
    await until(
      async () => review.url(),
      (u) => u.includes(`#narrative=${state!.narrative}`),
      'options opened at the narrative (reusing the open options tab)',
    );
    await review.waitForSelector('article.narrative-detail');

    await news.bringToFront();
    await next();
    await waitForPopoverState(news, (s) => s !== null);
    await clickInPopover(news, 'button', 'Turn off on this site');
    await waitForHighlights(news, (r) => r.length === 0, ONE_SECOND);
    const popup = await openPopup(tabId);
    expect(await popup.$eval('[role="switch"]', (el) => el.getAttribute('aria-checked'))).toBe('false');
    await popup.click('[role="switch"]');
    await waitForHighlights(news, (r) => r.length === expected, ONE_SECOND);
    await popup.close();
    await review.close();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import {
  appendPhraseLater,
  firefoxOrNull,
  generateBigTextNode,
  launchFirefoxWithExtension,
  listHighlights,
  packExamples,
  packLoadMarks,
  packLoadMarksOnceHighlighted,
  paintedHighlights,
  serveNoPlacesPage,
  shadowHostsOfHighlights,
  squash,
  startEngineServer,
  waitForHighlights,
  waitForScansToSettle,
} from './harness';

const firefox = firefoxOrNull();
const { examples } = packExamples('en');
/** The highlighted text lies inside the n-th English example sentence. */
const inExample = (text: string, n: number) =>
  squash(examples[n % examples.length]!.text)
    .toLowerCase()
    .includes(squash(text).toLowerCase());

// The Firefox build (MV2) runs the same content script; this checks it really works in Firefox ESR.
describe.skipIf(!firefox)('Firefox: the add-on highlights a news page', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startEngineServer>>;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startEngineServer({ '/no-places.html': serveNoPlacesPage });
    ({ browser } = await launchFirefoxWithExtension(firefox!));
    page = await browser.newPage();
    page.on('pageerror', (err) => errors.push(String(err)));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('highlights the narratives in English and Russian without touching the page text', async () => {
    for (const [path, phrase] of [
      ['/en-border-tensions.html', /Belarusian tanks/],
      ['/ru-pogranichnye-strahi.html', /белорусские танки/i],
    ] as const) {
      await page.goto(`${server.origin}${path}`);
      const before = await page.evaluate(() => document.querySelector('article')!.textContent);
      const ranges = await waitForHighlights(page, (r) => r.some((h) => phrase.test(h.text)));
      expect(ranges.every((r) => r.name.startsWith('factcontext-'))).toBe(true);
      expect(ranges.some((r) => /think tanks|аквариум/i.test(r.text))).toBe(false);
      expect(await page.evaluate(() => document.querySelector('article')!.textContent)).toBe(before);
      // The rules that name the highlighted elements by their place reach every piece of every phrase.
      const painted = await paintedHighlights(page);
      expect(painted.length).toBeGreaterThanOrEqual(ranges.length);
      for (const text of painted) expect(text.background).not.toBe('rgba(0, 0, 0, 0)');
    }
    expect(errors).toEqual([]);
  });

  it('loads the popover only where there is a highlight, and opens it on hover', async () => {
    await page.goto(`${server.origin}/en-border-tensions.html`);
    await waitForHighlights(page, (r) => r.some((h) => /Belarusian tanks/.test(h.text)));
    // The popover's code is injected (by tabs.executeScript in this build) once the page has a highlight.
    await page.waitForFunction(() => performance.getEntriesByName('factcontext:popover-ready').length === 1, {
      timeout: 10_000,
    });
    await page.evaluate(() => {
      for (const [name, h] of CSS.highlights)
        for (const r of h as unknown as Iterable<AbstractRange>)
          if (name.startsWith('factcontext-') && r instanceof Range && /Belarusian tanks/.test(r.toString()))
            return r.startContainer.parentElement!.scrollIntoView({ block: 'center' });
    });
    const target = (await listHighlights(page)).find((h) => /Belarusian tanks/.test(h.text))!;
    const x = target.rect.x + Math.min(target.rect.width / 2, 20);
    const y = target.rect.y + target.rect.height / 2;
    // The popover opens below the phrase, in the closed shadow root of our one host element.
    const under = { x: target.rect.x + 20, y: target.rect.y + target.rect.height + 40 };
    const ourHostAt = (p: { x: number; y: number }) =>
      page.evaluate((q) => document.elementFromPoint(q.x, q.y)?.localName === 'factcontext-ui', p);
    expect(await ourHostAt(under)).toBe(false);
    await page.mouse.move(x - 40, y - 40);
    await page.mouse.move(x, y, { steps: 4 });
    await page.waitForFunction(
      (q) => document.elementFromPoint(q.x, q.y)?.localName === 'factcontext-ui',
      { timeout: 5_000 },
      under,
    );
    await page.mouse.move(1, 1);
    expect(errors).toEqual([]);
  });

  it('highlights inside open shadow roots: a custom element, a declarative one and a span', async () => {
    await page.goto(`${server.origin}/engine/shadow-dom.html`);
    await waitForHighlights(page, (r) => [1, 2, 4].every((n) => r.some((h) => inExample(h.text, n))));
    const hosts = await shadowHostsOfHighlights(page);
    expect(hosts).toEqual(['card', 'declarative', 'span-host']);
    expect(errors).toEqual([]);
  });

  it('ends its scan with the factcontext:scan measure', async () => {
    const detail = await page.evaluate(
      () => (performance.getEntriesByName('factcontext:scan').at(-1) as PerformanceMeasure | undefined)?.detail,
    );
    expect(detail.matches).toBe((await listHighlights(page)).length);
    expect(detail.chars).toBeGreaterThan(500);
    // Nothing of ours ran before the page's HTML was parsed: the storage reads start with the content script.
    const { reads, parsed } = await page.evaluate(() => ({
      reads: performance.getEntriesByName('factcontext:reads-started').map((e) => e.startTime),
      parsed: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive,
    }));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toBeGreaterThanOrEqual(parsed);
  });

  it('reads the pack only once its sieve finds a place in the page’s text', async () => {
    // In the title: the read starts as the content script begins.
    expect(await packLoadMarksOnceHighlighted(page, `${server.origin}/en-border-tensions.html`)).toEqual([
      'factcontext:copy-read-early',
      'factcontext:sieve-ready',
      'factcontext:matcher-ready',
      'factcontext:body-ready',
    ]);
    await page.goto(`${server.origin}/no-places.html`);
    await page.waitForFunction(() => performance.getEntriesByName('factcontext:scan').length > 0);
    expect(await packLoadMarks(page)).toEqual(['factcontext:sieve-ready']);
    expect((await appendPhraseLater(page)).join()).toMatch(/^Belarusian tanks/);
    expect(await packLoadMarks(page)).toEqual([
      'factcontext:sieve-ready',
      'factcontext:matcher-ready',
      'factcontext:body-ready',
    ]);
  });

  it('leaves long inline style sheets and scripts out of what it reads, and finds the phrases around them', async () => {
    await page.goto(`${server.origin}/engine/raw-text.html`);
    const ranges = await waitForHighlights(page, (r) => [2, 3, 5].every((n) => r.some((h) => inExample(h.text, n))));
    expect(ranges.every((h) => [2, 3, 5].some((n) => inExample(h.text, n)))).toBe(true);
    const { total, raw, chars } = await page.evaluate(() => ({
      total: document.body.textContent!.length,
      raw: [...document.body.querySelectorAll('script,style')].reduce((sum, el) => sum + el.textContent!.length, 0),
      chars: (performance.getEntriesByName('factcontext:scan')[0] as PerformanceMeasure).detail.chars as number,
    }));
    expect(chars).toBe(total - raw);
    expect(errors).toEqual([]);
  });

  it('matches a 300,000-character text node only around its places, each inserted sentence highlighted', async () => {
    const { examples: inserted } = generateBigTextNode(300_000);
    await page.goto(`${server.origin}/engine/generated/big-node.html?chars=300000`);
    await waitForHighlights(page, (r) => r.length >= inserted);
    await waitForScansToSettle(page);
    const result = await page.evaluate((needle) => {
      const node = document.getElementById('big')!.firstChild as Text;
      const spans: [number, number][] = [];
      for (let i = node.data.indexOf(needle); i >= 0; i = node.data.indexOf(needle, i + 1))
        spans.push([i, i + needle.length]);
      const ranges: [number, number][] = [];
      for (const [name, h] of CSS.highlights) {
        if (!name.startsWith('factcontext') || name === 'factcontext-flash') continue;
        for (const r of h as unknown as Iterable<AbstractRange>)
          if (r.startContainer === node && r.endContainer === node) ranges.push([r.startOffset, r.endOffset]);
      }
      const detail = (performance.getEntriesByName('factcontext:scan')[0] as PerformanceMeasure).detail as {
        matchedChars: number;
        sievedChars: number;
        skippedChars: number;
      };
      return { spans, ranges, detail };
    }, examples[0]!.text);
    expect(result.spans).toHaveLength(inserted);
    for (const [a, b] of result.spans) expect(result.ranges.some(([s, e]) => s >= a && e <= b)).toBe(true);
    for (const [s, e] of result.ranges) expect(result.spans.some(([a, b]) => s >= a && e <= b)).toBe(true);
    // The node's places come from the sieve's reading of the page: it is not searched again, and only a few
    // hundred characters around each sentence reach the matcher.
    expect(result.detail.sievedChars).toBe(0);
    expect(result.detail.matchedChars).toBeLessThan(inserted * 2_000);
    expect(result.detail.skippedChars).toBeGreaterThan(300_000 - inserted * 2_000);
    expect(errors).toEqual([]);
  });
});

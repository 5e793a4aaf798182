import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  hoverHighlight,
  launchWithExtension,
  listHighlights,
  readScanMeasures,
  startFixtureServer,
  waitForHighlights,
  waitForPopover,
  type LoadedExtension,
} from './harness';

describe('thin path: highlight and popover on a news page', () => {
  let ext: LoadedExtension;
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  let page: Page;

  beforeAll(async () => {
    server = await startFixtureServer();
    ext = await launchWithExtension();
    page = await ext.browser.newPage();
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('highlights "Belarusian tanks" split across elements and "FSB agents" without changing the page text', async () => {
    const url = `${server.origin}/en-border-tensions.html`;
    // The page's text as served, before any content script runs (JS disabled in a throwaway page).
    const bare = await ext.browser.newPage();
    await bare.setJavaScriptEnabled(false);
    await bare.goto(`${url}#bare`);
    const before = await bare.evaluate(() => document.body.textContent);
    const beforeHtml = await bare.evaluate(() => document.querySelector('article')!.innerHTML);
    await bare.close();

    // Everything the page's own `message` listeners receive while the extension starts.
    await page.evaluateOnNewDocument(() => {
      const seen: unknown[] = [];
      (window as unknown as { __messages: unknown[] }).__messages = seen;
      window.addEventListener('message', (e) => seen.push(e.data));
    });
    await page.goto(url);
    const ranges = await waitForHighlights(page, (r) => r.some((h) => /fsb agents/i.test(h.text)));
    const texts = ranges.map((r) => r.text.replace(/\s+/g, ' '));
    expect(texts).toContain('Belarusian tanks');
    // The generals narrative needs its subject nearby ("top brass … FSB agents"), so the span is longer.
    expect(texts.some((t) => /\bFSB agents$/i.test(t))).toBe(true);
    expect(ranges.every((r) => r.name.startsWith('factcontext'))).toBe(true);
    // Innocent uses stay unmarked.
    expect(texts.some((t) => /think tanks|estate agents/i.test(t))).toBe(false);

    const after = await page.evaluate(() => document.body.textContent);
    const afterHtml = await page.evaluate(() => document.querySelector('article')!.innerHTML);
    // Our one UI host element contributes no text; the article markup is byte-identical.
    expect(after).toBe(before);
    expect(afterHtml).toBe(beforeHtml);
    // Nor does the page get messages from us.
    expect(await page.evaluate(() => (window as unknown as { __messages: unknown[] }).__messages)).toEqual([]);
    // Nothing of ours ran before the page's HTML was parsed: the storage reads start with the content script.
    const { reads, parsed } = await page.evaluate(() => ({
      reads: performance.getEntriesByName('factcontext:reads-started').map((e) => e.startTime),
      parsed: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive,
    }));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toBeGreaterThanOrEqual(parsed);
  });

  it('shows the counter-analysis and evidence status in a popover on hover', async () => {
    await hoverHighlight(page, 'FSB agents');
    const text = await waitForPopover(page, 'Belarusian generals are Russian agents');
    expect(text).toMatch(/No evidence presented/i);
    expect(text).toMatch(/What the analysis says/i);
  });

  it('ends each scan pass with a factcontext:scan measure visible to the page', async () => {
    const measures = await readScanMeasures(page);
    expect(measures.length).toBeGreaterThan(0);
    const { detail } = measures[0]!;
    expect(detail.chars).toBeGreaterThan(500);
    expect(detail.nodes).toBeGreaterThan(5);
    expect(detail.matches).toBe((await listHighlights(page)).length);
    expect(detail.busyMs).toBeGreaterThan(0);
  });
});

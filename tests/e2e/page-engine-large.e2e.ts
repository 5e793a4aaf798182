// Large pages: a single 1,000,000-character text node, and a generated page of 5 million characters.
// The scan is time-sliced: each pass is checked to run in several slices. How long those slices and the
// page's tasks take is measured by the benchmark (`npm run bench`, docs/performance.md), not asserted here:
// wall-clock bounds depend on the machine, not on the code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateBigTextNode,
  generateLargePage,
  launchWithExtension,
  listHighlights,
  ourHighlightSelectors,
  packExamples,
  paintedHighlights,
  startEngineServer,
  waitForScansToSettle,
  type LoadedExtension,
} from './harness';

describe('page engine on large pages', () => {
  let ext: LoadedExtension;
  let server: Awaited<ReturnType<typeof startEngineServer>>;

  beforeAll(async () => {
    server = await startEngineServer();
    ext = await launchWithExtension();
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('matches a 1,000,000-character text node in chunks with exact offsets, over several slices', async () => {
    const { examples: inserted } = generateBigTextNode(1_000_000);
    const sentence = packExamples('en').examples[0]!.text;
    const page = await ext.browser.newPage();
    await page.goto(`${server.origin}/engine/generated/big-node.html?chars=1000000`);
    const scans = await waitForScansToSettle(page, { quietMs: 500 });
    const first = scans[0]!.detail;
    expect(first.chars).toBeGreaterThanOrEqual(1_000_000);
    // Chunked: the one node was matched over several slices (a pass run in one go counts two: its one slice
    // and the closing step that drops stale highlights).
    expect(first.slices).toBeGreaterThan(2);
    // Only the parts around the sieve's places are matched, a few hundred characters around each inserted
    // sentence; the places come from the sieve's first reading of the page, the node is not sieved again.
    expect(first.matchedChars).toBeLessThan(inserted * 2_000);
    expect(first.skippedChars).toBeGreaterThan(1_000_000 - inserted * 2_000);
    expect(first.sievedChars).toBe(0);

    const check = await page.evaluate((needle) => {
      const node = document.getElementById('big')!.firstChild as Text;
      const data = node.data;
      const spans: [number, number][] = [];
      for (let i = data.indexOf(needle); i >= 0; i = data.indexOf(needle, i + 1)) spans.push([i, i + needle.length]);
      const ranges: { start: number; end: number; sameNode: boolean }[] = [];
      for (const [name, h] of CSS.highlights) {
        if (!name.startsWith('factcontext') || name === 'factcontext-flash') continue;
        for (const r of h as unknown as Iterable<AbstractRange>) {
          ranges.push({
            start: r.startOffset,
            end: r.endOffset,
            sameNode: r.startContainer === node && r.endContainer === node,
          });
        }
      }
      return { spans, ranges };
    }, sentence);
    expect(check.spans.length).toBe(inserted);
    expect(check.ranges.every((r) => r.sameNode)).toBe(true);
    // Every inserted sentence is highlighted exactly where it is (the highlight lies inside its span).
    for (const [a, b] of check.spans) {
      expect(check.ranges.filter((r) => r.start >= a && r.end <= b).length).toBeGreaterThan(0);
    }
    for (const r of check.ranges) expect(check.spans.some(([a, b]) => r.start >= a && r.end <= b)).toBe(true);
    // A page this large gets its highlights' colours without the line (UNDERLINE_MAX_CHARS): in Chromium an
    // underlined highlight makes every later change recompute the ink overflow of all the page's text.
    const painted = await paintedHighlights(page);
    expect(painted.length).toBeGreaterThan(0);
    for (const text of painted) {
      expect(text.background).not.toBe('rgba(0, 0, 0, 0)');
      expect(text.lineKind).toBe('none');
    }
    await page.close();
  });

  it('scans a 5,000,000-character page over many slices, and again after an in-page navigation', async () => {
    const { examples: inserted } = generateLargePage(5_000_000);
    const page = await ext.browser.newPage();
    await page.goto(`${server.origin}/engine/generated/large.html?chars=5000000`, { timeout: 60_000 });
    const scans = await waitForScansToSettle(page, { quietMs: 1_000, timeoutMs: 60_000 });
    const full = scans[0]!.detail;
    expect(full.chars).toBeGreaterThanOrEqual(5_000_000);
    expect(full.slices).toBeGreaterThan(10);
    const highlights = await listHighlights(page);
    expect(highlights.length).toBeGreaterThanOrEqual(inserted);
    // Its highlight rules name the sections around the highlighted paragraphs, whose highlight style their
    // descendants inherit: a rule naming a paragraph would make the browser restyle all of the page's
    // 23,000 paragraphs, and a plain rule every element. Every piece of every phrase is painted.
    const selectors = await ourHighlightSelectors(page);
    expect(selectors.length).toBeGreaterThan(0);
    for (const selector of selectors) expect(selector).toMatch(/ > section:nth-child\(\d+\)::highlight\(factcontext-/);
    const painted = await paintedHighlights(page);
    expect(painted.length).toBeGreaterThanOrEqual(highlights.length);
    expect(painted.filter((t) => t.background === 'rgba(0, 0, 0, 0)')).toEqual([]);
    expect(painted.filter((t) => t.lineKind !== 'none')).toEqual([]);

    // A new view of the page (a navigation within it) gets a fresh full pass, sliced like the first, and
    // the same highlights.
    await page.evaluate(() => history.pushState({}, '', '#second-view'));
    const after = await waitForScansToSettle(page, { count: scans.length + 1, quietMs: 1_000, timeoutMs: 60_000 });
    const rescan = after.slice(scans.length).find((s) => !s.detail.incremental);
    expect(rescan, 'a full pass after the navigation').toBeDefined();
    expect(rescan!.detail.chars).toBeGreaterThanOrEqual(5_000_000);
    expect(rescan!.detail.slices).toBeGreaterThan(10);
    expect((await listHighlights(page)).length).toBe(highlights.length);
    await page.close();
  });
});

// Large pages: a single 1,000,000-character text node, and a generated page of 5 million characters.
// The scan is time-sliced: no slice of any pass may approach the 50 ms long-task threshold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateBigTextNode,
  generateLargePage,
  launchWithExtension,
  listHighlights,
  packExamples,
  readLongTasks,
  recordLongTasks,
  startEngineServer,
  waitForScansToSettle,
  type LoadedExtension,
  type ScanMeasure,
} from './harness';

const LONG_TASK_MS = 50;

/** Long tasks that overlap a scan pass's time span (candidates for being caused by scanning). */
function overlapping(tasks: { start: number; duration: number }[], scans: ScanMeasure[]) {
  return tasks.filter((t) => scans.some((s) => t.start < s.start + s.duration && t.start + t.duration > s.start));
}

// The 50 ms bound is what a reader feels, so it is checked in wall-clock time; the engine aims for 8 ms slices.
// On a shared machine the OS can preempt the browser mid-slice, so a failing attempt is tried again (a real
// regression, e.g. an unsliced pass, fails every attempt).
describe('page engine on large pages', { retry: 2 }, () => {
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

  it('matches a 1,000,000-character text node in chunks with exact offsets, in short slices', async () => {
    const { examples: inserted } = generateBigTextNode(1_000_000);
    const sentence = packExamples('en').examples[0]!.text;
    const page = await ext.browser.newPage();
    await page.goto(`${server.origin}/engine/generated/big-node.html?chars=1000000`);
    const scans = await waitForScansToSettle(page, { quietMs: 500 });
    const first = scans[0]!.detail;
    expect(first.chars).toBeGreaterThanOrEqual(1_000_000);
    // Chunked: the one node was matched over several slices.
    expect(first.slices).toBeGreaterThan(1);
    for (const s of scans) expect(s.detail.longestSliceMs).toBeLessThan(LONG_TASK_MS);

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
    await page.close();
  });

  it('scans a 5,000,000-character page in slices well under 50 ms, with no long task attributable to scanning', async () => {
    const { examples: inserted } = generateLargePage(5_000_000);
    const page = await ext.browser.newPage();
    await recordLongTasks(page);
    await page.goto(`${server.origin}/engine/generated/large.html?chars=5000000`, { timeout: 60_000 });
    const scans = await waitForScansToSettle(page, { quietMs: 1_000, timeoutMs: 60_000 });
    const full = scans[0]!.detail;
    expect(full.chars).toBeGreaterThanOrEqual(5_000_000);
    expect(full.slices).toBeGreaterThan(10);
    for (const s of scans) expect(s.detail.longestSliceMs).toBeLessThan(LONG_TASK_MS);
    const highlights = await listHighlights(page);
    expect(highlights.length).toBeGreaterThanOrEqual(inserted);

    // Long tasks during the scan window: the page's own layout of 5 MB may take long, but none of
    // those tasks may contain a scan slice, and every slice is short (asserted above). We check the
    // window after layout settles by forcing a fresh full pass (a navigation within the page).
    await page.evaluate(() => {
      (window as unknown as { __factcontextLongTasks: unknown[] }).__factcontextLongTasks.length = 0;
      history.pushState({}, '', '#second-view');
    });
    const after = await waitForScansToSettle(page, { count: scans.length + 1, quietMs: 1_000, timeoutMs: 60_000 });
    const rescans = after.slice(scans.length);
    for (const s of rescans) expect(s.detail.longestSliceMs).toBeLessThan(LONG_TASK_MS);
    const long = overlapping(await readLongTasks(page), rescans);
    expect(long).toEqual([]);
    await page.close();
  });
});

// Helpers for the page engine's e2e tests and the benchmark: pack-driven fixture text, generated pages,
// the real-page corpus served without scripts, error capture and long-task recording.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Frame, Page } from 'puppeteer-core';
import { FIXTURES_DIR, startFixtureServer } from './fixtures';

import {
  REAL_PAGES_DIR,
  escapeHtml,
  generateBigTextNode,
  generateLargePage,
  packExamples,
  realPageFiles,
  splitAcrossInline,
  stripScripts,
} from '../../../scripts/lib/engine-pages.mjs';

export {
  PACK_PATH,
  REAL_PAGES_DIR,
  REPO_DIR,
  escapeHtml,
  generateBigTextNode,
  generateLargePage,
  hasRealPages,
  packExamples,
  packToRegExp,
  realPageFiles,
  splitAcrossInline,
  stripScripts,
} from '../../../scripts/lib/engine-pages.mjs';

/** Normalises whitespace for comparing highlighted text with sentences. */
export const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * Fills a fixture's placeholders: {{EX<n>}} (n-th example sentence, escaped), {{EX<n>_SPLIT}} (the same
 * with each word in an inline element), {{CX<n>}} (n-th counter-example), {{EXJSON}} (all examples as JSON).
 * Fixtures are filled with the pack's own examples, so they keep proving the engine while the pack's
 * phrasing changes.
 */
export function fillFixture(html: string, lang = 'en'): string {
  const { examples, counter } = packExamples(lang);
  const ex = (n: number) => examples[n % examples.length]!.text;
  return html
    .replace(/\{\{EX(\d+)_SPLIT\}\}/g, (_, n: string) => splitAcrossInline(ex(Number(n))))
    .replace(/\{\{EX(\d+)\}\}/g, (_, n: string) => escapeHtml(ex(Number(n))))
    .replace(/\{\{CX(\d+)\}\}/g, (_, n: string) => escapeHtml(counter[Number(n) % Math.max(1, counter.length)] ?? ''))
    .replace(/\{\{EXJSON\}\}/g, () => JSON.stringify(examples.map((e) => e.text)).replace(/</g, '\\u003c'));
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

function send(res: ServerResponse, body: string, type = 'text/html; charset=utf-8'): void {
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/**
 * The fixture server plus the engine's routes:
 * - /engine/<fixture>.html: tests/e2e/fixtures/<fixture>.html with the pack's examples filled in;
 * - /engine/real/<file>.html: a page of the real-page corpus with its scripts stripped;
 * - /engine/generated/large.html?chars=N and /engine/generated/big-node.html?chars=N.
 */
export function startEngineServer(extra: Record<string, Route> = {}) {
  const routes: Record<string, Route> = { ...extra };
  for (const file of readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.html'))) {
    routes[`/engine/${file}`] = (_req, res) =>
      send(res, fillFixture(readFileSync(resolve(FIXTURES_DIR, file), 'utf8')));
  }
  for (const file of realPageFiles()) {
    routes[`/engine/real/${file}`] = (_req, res) =>
      send(res, stripScripts(readFileSync(resolve(REAL_PAGES_DIR, file), 'utf8')));
  }
  const largeCache = new Map<string, string>();
  routes['/engine/generated/large.html'] = (_req, res, url) => {
    const chars = Number(url.searchParams.get('chars') ?? 5_000_000);
    const key = `large:${chars}`;
    if (!largeCache.has(key)) largeCache.set(key, generateLargePage(chars).html);
    send(res, largeCache.get(key)!);
  };
  routes['/engine/generated/big-node.html'] = (_req, res, url) => {
    const chars = Number(url.searchParams.get('chars') ?? 1_000_000);
    const key = `node:${chars}`;
    if (!largeCache.has(key)) largeCache.set(key, generateBigTextNode(chars).html);
    send(res, largeCache.get(key)!);
  };
  return startFixtureServer(routes);
}

/** Aborts every request that does not go to the local fixture server (real pages point at the network). */
export async function blockExternalRequests(page: Page, origin: string): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.isInterceptResolutionHandled()) return;
    const url = req.url();
    if (
      url.startsWith(origin) ||
      url.startsWith('data:') ||
      url.startsWith('about:') ||
      url.startsWith('chrome-extension:')
    )
      void req.continue();
    else void req.abort('blockedbyclient');
  });
}

export interface CapturedProblems {
  /** Uncaught exceptions (page or content script). */
  errors: string[];
  /** console.error / console.warn messages. */
  console: { type: string; text: string; url: string }[];
}

/** Records uncaught exceptions and console errors/warnings of a page (including the content script's). */
export function captureProblems(page: Page): CapturedProblems {
  const out: CapturedProblems = { errors: [], console: [] };
  page.on('pageerror', (err) => out.errors.push(err instanceof Error ? (err.stack ?? err.message) : String(err)));
  page.on('console', (msg) => {
    const type = msg.type();
    if (type === 'error' || type === 'warn')
      out.console.push({ type, text: msg.text(), url: msg.location().url ?? '' });
  });
  return out;
}

/**
 * Console messages that come from the extension (its content script or pages), not from the page.
 * Resource-load failures are left out: the browser reports those for blocked or missing files, and
 * Chromium logs one for "chrome-extension://invalid/" in frames it does not give extension access.
 */
export const extensionMessages = (problems: CapturedProblems): CapturedProblems['console'] =>
  problems.console.filter(
    (m) =>
      (m.url.startsWith('chrome-extension://') || /factcontext/i.test(m.text)) &&
      !m.text.startsWith('Failed to load resource'),
  );

export interface ScanMeasure {
  start: number;
  duration: number;
  detail: {
    chars: number;
    nodes: number;
    matches: number;
    busyMs: number;
    longestSliceMs?: number;
    slices?: number;
    matchedChars?: number;
    sievedChars?: number;
    skippedChars?: number;
    incremental?: boolean;
  };
}

/** The `factcontext:scan` measures of a page or frame, with their start times. */
export async function readScans(target: Page | Frame): Promise<ScanMeasure[]> {
  return target.evaluate(() =>
    performance.getEntriesByName('factcontext:scan').map((e) => ({
      start: e.startTime,
      duration: e.duration,
      detail: (e as PerformanceMeasure).detail,
    })),
  );
}

/** Waits until at least `count` scan passes have ended and no new one has for `quietMs`. */
export async function waitForScansToSettle(
  target: Page | Frame,
  { count = 1, quietMs = 300, timeoutMs = 30_000 } = {},
): Promise<ScanMeasure[]> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let since = Date.now();
  for (;;) {
    const scans = await readScans(target);
    if (scans.length !== last) {
      last = scans.length;
      since = Date.now();
    }
    if (scans.length >= count && Date.now() - since >= quietMs) return scans;
    if (Date.now() > deadline) throw new Error(`Scans did not settle in ${timeoutMs} ms (${scans.length} passes seen)`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

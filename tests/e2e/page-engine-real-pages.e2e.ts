// The extension on 130 real news pages (served locally with their scripts stripped; every request
// that would leave this machine is blocked): every page is scanned, and the content script neither
// throws nor logs an error. Skipped when the shared corpus is absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  blockExternalRequests,
  captureProblems,
  extensionMessages,
  hasRealPages,
  launchWithExtension,
  realPageFiles,
  startEngineServer,
  waitForScansToSettle,
  type LoadedExtension,
} from './harness';

const files = realPageFiles();

describe.skipIf(!hasRealPages())('page engine on the real-page corpus', () => {
  let ext: LoadedExtension;
  let server: Awaited<ReturnType<typeof startEngineServer>>;
  let page: Page;

  beforeAll(async () => {
    server = await startEngineServer();
    ext = await launchWithExtension();
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('has the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(100);
  });

  it.each(files)('%s: scanned without an error from the extension', async (file) => {
    page = await ext.browser.newPage();
    try {
      await blockExternalRequests(page, server.origin);
      const problems = captureProblems(page);
      await page.goto(`${server.origin}/engine/real/${file}`, { waitUntil: 'domcontentloaded', timeout: 30_000 });
      const scans = await waitForScansToSettle(page, { quietMs: 300, timeoutMs: 30_000 });
      expect(scans[0]!.detail.chars).toBeGreaterThan(0);
      // The page's scripts are stripped: any uncaught exception would be ours.
      expect(problems.errors).toEqual([]);
      expect(extensionMessages(problems)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type WebWorker } from 'puppeteer-core';
import { CHROMIUM_QUIET_FLAGS, findChromium } from '../../../scripts/lib/browser.mjs';

/** The built Chrome extension; FACTCONTEXT_EXTENSION_DIR overrides it. */
export const CHROME_BUILD_DIR = process.env.FACTCONTEXT_EXTENSION_DIR
  ? resolve(process.env.FACTCONTEXT_EXTENSION_DIR)
  : resolve(import.meta.dirname, '../../../.output/chrome-mv3');

export interface LoadedExtension {
  browser: Browser;
  extensionId: string;
  serviceWorker: WebWorker;
  userDataDir: string;
  /** Closes the browser; removes the profile unless keepProfile. */
  close(options?: { keepProfile?: boolean }): Promise<void>;
}

/**
 * Launches headless Chromium with the built extension loaded (a persistent profile, so tests can
 * restart the browser with the same profile), and waits for the extension's service worker.
 */
export async function launchWithExtension(
  options: { extensionDir?: string; userDataDir?: string; headless?: boolean; args?: string[] } = {},
): Promise<LoadedExtension> {
  const extensionDir = options.extensionDir ?? CHROME_BUILD_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build\` first.`);
  }
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'factcontext-e2e-'));
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: options.headless ?? true,
    userDataDir,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      ...CHROMIUM_QUIET_FLAGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--window-size=1280,900',
      ...(options.args ?? []),
    ],
    defaultViewport: { width: 1280, height: 900 },
  });
  const target = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
    { timeout: 15_000 },
  );
  const serviceWorker = (await target.worker())!;
  const extensionId = new URL(target.url()).host;
  return {
    browser,
    extensionId,
    serviceWorker,
    userDataDir,
    async close({ keepProfile = false } = {}) {
      await browser.close();
      if (!keepProfile && !options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

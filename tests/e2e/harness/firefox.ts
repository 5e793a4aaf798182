import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { findFirefox } from '../../../scripts/lib/browser.mjs';

/** The built Firefox extension; FACTCONTEXT_FIREFOX_EXTENSION_DIR overrides it. */
export const FIREFOX_BUILD_DIR = process.env.FACTCONTEXT_FIREFOX_EXTENSION_DIR
  ? resolve(process.env.FACTCONTEXT_FIREFOX_EXTENSION_DIR)
  : resolve(import.meta.dirname, '../../../.output/firefox-mv2');

/** Firefox's path, or null when there is none and it can't be installed here (the caller skips). */
export function firefoxOrNull(): string | null {
  try {
    return findFirefox();
  } catch {
    return null;
  }
}

/**
 * Launches headless Firefox (WebDriver BiDi) and installs the built add-on as a temporary add-on. Host
 * permissions are granted by default so the content script runs without a prompt, as after a reader's consent.
 */
export async function launchFirefoxWithExtension(
  executablePath: string,
  extensionDir = FIREFOX_BUILD_DIR,
): Promise<{ browser: Browser; addonId: string }> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No Firefox build at ${extensionDir}: run \`npm run build:firefox\` first.`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: {
      'extensions.originControls.grantByDefault': true,
      'xpinstall.signatures.required': false,
      // Keep the test browser off the network.
      'network.captive-portal-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'app.update.enabled': false,
    },
  });
  const addonId = await browser.installExtension(extensionDir);
  return { browser, addonId };
}

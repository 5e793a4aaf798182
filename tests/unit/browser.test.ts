import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, findFirefox } from '../../scripts/lib/browser.mjs';

const saved = { CHROME_PATH: process.env.CHROME_PATH, FIREFOX_PATH: process.env.FIREFOX_PATH };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('browser discovery', () => {
  it('prefers CHROME_PATH / FIREFOX_PATH when they point to a file', () => {
    const fake = join(mkdtempSync(join(tmpdir(), 'fc-browser-')), 'my-browser');
    writeFileSync(fake, '');
    process.env.CHROME_PATH = fake;
    process.env.FIREFOX_PATH = fake;
    expect(findChromium({ install: false })).toBe(fake);
    expect(findFirefox({ install: false })).toBe(fake);
  });

  it('says plainly when the variable points nowhere, without installing anything', () => {
    process.env.CHROME_PATH = '/nonexistent/chromium';
    expect(() => findChromium()).toThrow('CHROME_PATH points to /nonexistent/chromium, which does not exist.');
    process.env.FIREFOX_PATH = '/nonexistent/firefox';
    expect(() => findFirefox()).toThrow(/FIREFOX_PATH points to \/nonexistent\/firefox/);
  });
});

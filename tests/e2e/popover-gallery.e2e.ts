import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_QUIET_FLAGS, findChromium } from '../../scripts/lib/browser.mjs';
import { AXE_PATH } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * Bundles the real Popover component and stylesheet into a plain page (UI strings from locales/en.yml)
 * to check the states a page with the built pack does not reach: several narratives on one phrase
 * (tabs) and every evidence status badge.
 */
async function galleryHtml(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'fc-gallery-'));
  const messages = generateChromeMessages(await parseMessagesFile(resolve(ROOT, 'locales/en.yml')));
  const table = Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, v.message]));
  const i18nShim = join(dir, 'i18n.ts');
  writeFileSync(
    i18nShim,
    `const table: Record<string, string> = ${JSON.stringify(table)};
export const i18n = {
  t(key: string, subs?: unknown[]): string {
    const message = table[key.replaceAll('.', '_')] ?? '';
    return message.replace(/\\$(\\d)/g, (_m, n) => String(subs?.[Number(n) - 1] ?? ''));
  },
};`,
  );
  const browserShim = join(dir, 'browser.ts');
  writeFileSync(browserShim, `export const browser = { i18n: { getUILanguage: () => 'en' } };`);
  const result = await build({
    entryPoints: [resolve(import.meta.dirname, 'fixtures/popover-gallery.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    alias: { '#i18n': i18nShim, 'wxt/browser': browserShim },
    define: { PACK: readFileSync(resolve(ROOT, 'packs/belarus-ukraine-troubled-period.json'), 'utf8') },
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]!.text;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Popover gallery</title>
<style>body{margin:24px;background:#f4f2ee;display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
@media (prefers-color-scheme: dark){body{background:#121417}}</style></head>
<body><script>${js.replace(/<\/script/g, '<\\/script')}</script></body></html>`;
}

describe('popover gallery (component on a plain page)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const html = await galleryHtml();
    browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      args: [...CHROMIUM_QUIET_FLAGS, '--window-size=1600,1400'],
      defaultViewport: { width: 1600, height: 1400 },
    });
    page = await browser.newPage();
    await page.setContent(html);
    await page.waitForSelector('body[data-ready="yes"]');
    await page.addScriptTag({ path: AXE_PATH });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const axe = (scheme: string) =>
    page.evaluate(async (s) => {
      const w = window as unknown as {
        axe: {
          run(
            c: unknown,
            o: unknown,
          ): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }>;
        };
      };
      const ids = [...document.querySelectorAll('.gallery-item')].map((e) => e.id);
      const results = await w.axe.run(
        { include: ids.map((id) => ({ fromShadowDom: [`#${id}`, '[role="dialog"]'] })) },
        { resultTypes: ['violations'] },
      );
      return results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${s} ${v.id} (${v.nodes.length})`);
    }, scheme);

  it('switches narratives with tabs (click and arrow keys), keeping the dialog labelled by the shown title', async () => {
    const read = () =>
      page.evaluate(() => {
        const root = document.getElementById('several')!.shadowRoot!;
        const dialog = root.querySelector('[role="dialog"]')!;
        const tabs = [...root.querySelectorAll('[role="tab"]')];
        return {
          selected: tabs.findIndex((t) => t.getAttribute('aria-selected') === 'true'),
          count: tabs.length,
          title: root.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent,
          focused: root.activeElement?.getAttribute('role') ?? null,
        };
      });
    expect(await read()).toMatchObject({ selected: 0, count: 3 });
    const tab = async (i: number) =>
      page.evaluateHandle(
        (n) => document.getElementById('several')!.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')[n]!,
        i,
      );
    const second = (await tab(1)).asElement() as import('puppeteer-core').ElementHandle<HTMLElement>;
    await second.click();
    const afterClick = await read();
    expect(afterClick.selected).toBe(1);
    await page.keyboard.press('ArrowRight');
    const afterKey = await read();
    expect(afterKey).toMatchObject({ selected: 2, focused: 'tab' });
    expect(afterKey.title).not.toBe(afterClick.title);
    await page.keyboard.press('Home');
    expect((await read()).selected).toBe(0);
  });

  it('shows pack text that looks like markup as text (no element, no script)', async () => {
    const result = await page.evaluate(() => {
      const root = document.getElementById('xss')!.shadowRoot!;
      const dialog = root.querySelector('[role="dialog"]') as HTMLElement;
      return {
        images: root.querySelectorAll('img').length,
        title: root.querySelector('h2')!.textContent,
        text: dialog.innerText,
        ran: (window as unknown as { __xss?: number }).__xss ?? 0,
      };
    });
    const xss = '<img src=x onerror="window.__xss = 1">';
    expect(result.images).toBe(0);
    expect(result.ran).toBe(0);
    expect(result.title).toBe(xss);
    expect(result.text.split(xss).length - 1).toBeGreaterThanOrEqual(4);
  });

  it('has no serious or critical axe violations with tabs and every status badge, light and dark', async () => {
    expect(await axe('light')).toEqual([]);
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    expect(await axe('dark')).toEqual([]);
    if (process.env.FACTCONTEXT_GALLERY_SHOT) await page.screenshot({ path: process.env.FACTCONTEXT_GALLERY_SHOT });
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    if (process.env.FACTCONTEXT_GALLERY_SHOT) {
      await page.screenshot({ path: process.env.FACTCONTEXT_GALLERY_SHOT.replace(/\.png$/, '-light.png') });
    }
  });
});

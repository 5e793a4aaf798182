import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import sharp from 'sharp';
import {
  axePopover,
  clickInPopover,
  evaluateInUiRoot,
  launchWithExtension,
  listExpectedHighlights,
  popoverRoutes,
  popoverSettled,
  popoverState,
  popoverStyles,
  readPack,
  screenshotDir,
  smallestPopoverFontSize,
  startFixtureServer,
  waitForHighlights,
  waitForPopoverState,
  type LoadedExtension,
  type PackData,
} from './harness';

const STATUS_LABEL: Record<string, string> = {
  'no-evidence': 'No evidence presented',
  'speculative-forecast': 'Speculative forecast',
  disputed: 'Disputed',
  'missing-context': 'Missing context',
  framing: 'Framing, not a factual claim',
  outdated: 'Outdated',
  unverified: 'Unverified',
  'analyst-forecast': "Analyst's forecast",
};

const SCREENSHOTS = screenshotDir();
const isOpen = (s: unknown) => s !== null;
const isClosed = (s: unknown) => s === null;

describe('popover', () => {
  let ext: LoadedExtension;
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  let page: Page;
  let pack: PackData;

  beforeAll(async () => {
    pack = readPack();
    server = await startFixtureServer(popoverRoutes(pack));
    ext = await launchWithExtension();
    page = await ext.browser.newPage();
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  async function load(path: string): Promise<void> {
    await page.goto(`${server.origin}${path}`);
    await waitForHighlights(page, (r) => r.length >= 2);
    await page.mouse.move(2, 2);
  }

  /** Waits until the page has stopped scrolling (a smooth scroll may be under way). */
  async function settled(): Promise<void> {
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          let last = NaN;
          const tick = () => {
            if (window.scrollY === last) done();
            else {
              last = window.scrollY;
              requestAnimationFrame(() => requestAnimationFrame(tick));
            }
          };
          tick();
        }),
    );
  }

  /** A screenshot of part of the viewport (viewport coordinates, as getBoundingClientRect gives them). */
  async function viewportShot(rect: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
    const full = await page.screenshot();
    const { width, height } = await sharp(full).metadata();
    const left = Math.min(Math.max(0, Math.round(rect.x)), width! - 1);
    const top = Math.min(Math.max(0, Math.round(rect.y)), height! - 1);
    return sharp(full)
      .extract({
        left,
        top,
        width: Math.max(1, Math.min(Math.round(rect.width), width! - left)),
        height: Math.max(1, Math.min(Math.round(rect.height), height! - top)),
      })
      .png()
      .toBuffer();
  }

  /** Moves the pointer onto the n-th highlight (document order); returns it. */
  async function hover(n = 0) {
    await settled();
    await page.evaluate((index) => {
      const p = document.querySelectorAll('[data-expect]')[index];
      if (!p) return;
      const r = p.getBoundingClientRect();
      if (r.top < 40 || r.bottom > innerHeight - 40) window.scrollBy(0, r.top - innerHeight / 3);
    }, n);
    await settled();
    const all = await listExpectedHighlights(page);
    const target = all.filter((h) => h.expect)[n];
    if (!target) throw new Error(`No highlight #${n}; have ${JSON.stringify(all)}`);
    await page.mouse.move(target.x - 30, target.y - 30);
    await page.mouse.move(target.x, target.y, { steps: 4 });
    return target;
  }

  it('opens on hover with the right narrative, status, analysis and source', async () => {
    await load('/popover-plain.html');
    // Our element is in the page once it has highlights, but not rendered until a popover opens.
    const hostDisplay = () =>
      page.evaluate(() => {
        const host = document.querySelector('factcontext-ui');
        return host ? getComputedStyle(host).display : null;
      });
    await page.waitForFunction(() => !!document.querySelector('factcontext-ui'), { timeout: 5_000 });
    expect(await hostDisplay()).toBe('none');
    const target = await hover(0);
    const state = (await waitForPopoverState(page, isOpen))!;
    const shown = pack.narratives.find((n) => n.id === state.narrative)!;
    expect(shown, `popover shows a narrative of the pack (${state.narrative})`).toBeTruthy();
    expect(state.narrative).toBe(target.expect);
    expect(state.title).toBe(shown.title);
    expect(state.text).toContain(shown.title);
    expect(state.text).toContain(STATUS_LABEL[shown.evidence.status]);
    expect(state.text).toContain('What is claimed');
    expect(state.text).toContain(shown.claim);
    expect(state.text).toContain('What the analysis says');
    expect(state.text).toContain(shown.counterAnalysis);
    expect(state.text).toContain(pack.source.title);
    if (pack.source.author === null) expect(state.text).toContain('author unknown');
    expect(state.text).toContain(`“${target.text}” matches the English pattern`);
    expect(state.text).toMatch(/matches the English pattern “\S[^\n]*”\./);
    // Page scripts cannot read it: the shadow root is closed and none of its text is in the page's.
    const seenByPage = await page.evaluate(() => ({
      host: !!document.querySelector('factcontext-ui'),
      root: document.querySelector('factcontext-ui')?.shadowRoot ?? null,
      text: document.body.innerText,
    }));
    expect(seenByPage.host).toBe(true);
    expect(seenByPage.root).toBeNull();
    expect(seenByPage.text).not.toContain(shown.counterAnalysis.slice(0, 40));
    // Below the phrase, inside the viewport, compact.
    expect(state.rect.y).toBeGreaterThan(target.y);
    expect(state.rect.width).toBeLessThanOrEqual(380);
    expect(await hostDisplay()).not.toBe('none');
    // Closed, it is not rendered again.
    await page.keyboard.press('Escape');
    await waitForPopoverState(page, isClosed);
    expect(await hostDisplay()).toBe('none');
  });

  it('shows one popover at a time: dwelling on another phrase switches it', async () => {
    await load('/popover-plain.html');
    const first = await hover(0);
    const open = (await waitForPopoverState(page, (s) => s?.narrative === first.expect))!;
    // Another phrase the open popover does not cover.
    const { x, y, width, height } = open.rect;
    const second = (await listExpectedHighlights(page)).find(
      (h) => h.expect && h.expect !== first.expect && !(h.x >= x && h.x <= x + width && h.y >= y && h.y <= y + height),
    )!;
    expect(second).toBeTruthy();
    await page.mouse.move(second.x, second.y, { steps: 6 });
    await waitForPopoverState(page, (s) => s?.narrative === second.expect);
    expect(second.expect).not.toBe(first.expect);
    expect(await evaluateInUiRoot<number>(page, `(root) => root.querySelectorAll('[role="dialog"]').length`)).toBe(1);
  });

  it('stays open while the pointer is over it and closes after the pointer leaves both', async () => {
    await load('/popover-plain.html');
    await hover(0);
    await waitForPopoverState(page, isOpen);
    await popoverSettled(page);
    const state = (await popoverState(page))!;
    // Into the popover (crossing the gap between phrase and popover) and around inside it.
    await page.mouse.move(state.rect.x + 40, state.rect.y + 30, { steps: 6 });
    await page.mouse.move(state.rect.x + 120, state.rect.y + 80, { steps: 6 });
    await new Promise((r) => setTimeout(r, 700));
    expect(await popoverState(page)).not.toBeNull();
    // Away from both.
    await page.mouse.move(state.rect.x + state.rect.width + 200, 5, { steps: 4 });
    await waitForPopoverState(page, isClosed);
  });

  it('closes on Esc', async () => {
    await load('/popover-plain.html');
    await hover(1);
    await waitForPopoverState(page, isOpen);
    await page.keyboard.press('Escape');
    await waitForPopoverState(page, isClosed);
  });

  it('pins on click: stays open when the pointer leaves, closes on a click elsewhere', async () => {
    const all = (await listExpectedHighlights(page)).filter((h) => h.expect);
    const target = all[0]!;
    await page.mouse.click(target.x, target.y);
    const state = (await waitForPopoverState(page, isOpen))!;
    expect(state.narrative).toBe(target.expect);
    await page.mouse.move(5, 5, { steps: 3 });
    await new Promise((r) => setTimeout(r, 700));
    expect(await popoverState(page)).not.toBeNull();
    await page.mouse.click(5, 300);
    await waitForPopoverState(page, isClosed);
  });

  it('follows its phrase when the page scrolls; a hover popover goes away once the phrase is out of view', async () => {
    await load('/popover-plain.html');
    const target = await hover(0);
    await page.mouse.click(target.x, target.y);
    await waitForPopoverState(page, isOpen);
    await popoverSettled(page);
    // The popover sits by the line of its phrase under the pointer; on a phrase that wraps, scrolling under a
    // still pointer would bring another line under it. With the pointer away from the phrase (the popover is
    // pinned), a first small scroll places it by the same line as the next one.
    await page.mouse.move(5, 5);
    await page.evaluate(() => window.scrollBy(0, 1));
    await settled();
    await new Promise((r) => setTimeout(r, 100));
    const before = (await popoverState(page))!;
    await page.evaluate(() => window.scrollBy(0, 60));
    const moved = await waitForPopoverState(page, (s) => !!s && Math.abs(s.rect.y - (before.rect.y - 60)) < 1.5);
    expect(moved!.narrative).toBe(before.narrative);
    await page.keyboard.press('Escape');
    await waitForPopoverState(page, isClosed);
    await page.evaluate(() => window.scrollTo(0, 0));
    const again = await hover(0);
    await waitForPopoverState(page, isOpen);
    const scrolled = await page.evaluate((y) => {
      window.scrollBy(0, y + 200);
      return window.scrollY;
    }, again.y);
    expect(scrolled).toBeGreaterThan(again.y + 100);
    await waitForPopoverState(page, isClosed);
    // A small scroll that leaves the phrase in view but no longer under the still pointer also hides it
    // (scrolling up, so that the popover below the phrase does not slide under the pointer instead).
    await page.evaluate(() => window.scrollTo(0, 100));
    await hover(0);
    await waitForPopoverState(page, isOpen);
    await page.evaluate(() => window.scrollBy(0, -50));
    await waitForPopoverState(page, isClosed);
  });

  it('opens pinned on a tap (touch)', async () => {
    await page.setViewport({ width: 1280, height: 900, hasTouch: true, isMobile: false });
    try {
      await load('/popover-plain.html');
      await settled();
      const target = (await listExpectedHighlights(page)).filter((h) => h.expect)[1]!;
      await page.touchscreen.tap(target.x, target.y);
      const state = (await waitForPopoverState(page, isOpen))!;
      expect(state.narrative).toBe(target.expect);
      // A tap elsewhere closes it.
      await page.touchscreen.tap(5, 300);
      await waitForPopoverState(page, isClosed);
    } finally {
      await page.setViewport({ width: 1280, height: 900 });
    }
  });

  it('Enter pins a hovered popover and moves focus in; Tab stays inside; Esc closes and returns focus', async () => {
    await load('/popover-plain.html');
    await hover(0);
    await waitForPopoverState(page, isOpen);
    await page.keyboard.press('Enter');
    let state = await waitForPopoverState(page, (s) => s?.focus?.className === 'fc-popover');
    // Pinned: the pointer leaving does not close it.
    await page.mouse.move(5, 5, { steps: 3 });
    await new Promise((r) => setTimeout(r, 700));
    expect(await popoverState(page)).not.toBeNull();
    // Tab moves through its own controls and never leaves it.
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      state = await popoverState(page);
      expect(state?.focus, `focus after ${i + 1} Tab presses`).not.toBeNull();
      seen.add(`${state!.focus!.tag}:${state!.focus!.text}`);
    }
    expect([...seen].some((s) => s.includes('Not relevant here'))).toBe(true);
    // The focused control shows a visible focus ring.
    const ring = await evaluateInUiRoot<string>(
      page,
      `(root) => { const s = getComputedStyle(root.activeElement); return s.outlineStyle + ' ' + s.outlineWidth; }`,
    );
    expect(ring).toBe('solid 2px');
    expect([...seen].some((s) => s.includes('Close') || s.startsWith('button:'))).toBe(true);
    // The page saw none of the keys pressed inside the popover.
    await page.keyboard.press('Escape');
    await waitForPopoverState(page, isClosed);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  });

  it('keyboard command "next highlight" opens the popover with focus in it; Esc returns focus to the page', async () => {
    await load('/popover-plain.html');
    await page.bringToFront();
    await page.focus('#before');
    const result = await ext.serviceWorker.evaluate(() =>
      (
        globalThis as unknown as { factcontextBackground: { runCommand(c: string): Promise<{ ok: boolean }> } }
      ).factcontextBackground.runCommand('next-highlight'),
    );
    expect(result.ok).toBe(true);
    const state = await waitForPopoverState(page, (s) => s?.focus?.className === 'fc-popover');
    expect(pack.narratives.some((n) => n.id === state!.narrative)).toBe(true);
    await page.keyboard.press('Tab');
    expect((await popoverState(page))!.focus).not.toBeNull();
    await page.keyboard.press('Escape');
    await waitForPopoverState(page, isClosed);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('before');
  });

  it('keeps keyboard events inside from reaching the page, and ignores events forged by page scripts', async () => {
    await load('/popover-plain.html');
    await page.evaluate(() => {
      (window as unknown as { keysSeen: string[] }).keysSeen = [];
      document.addEventListener('keydown', (e) => (window as unknown as { keysSeen: string[] }).keysSeen.push(e.key));
    });
    const target = await hover(0);
    await waitForPopoverState(page, isOpen);
    await page.keyboard.press('Enter');
    await waitForPopoverState(page, (s) => s?.focus !== null && s?.focus !== undefined);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    const seenInside = await page.evaluate(() => (window as unknown as { keysSeen: string[] }).keysSeen);
    // The page saw the Enter pressed on the page itself, but none of the keys pressed inside the popover.
    expect(seenInside).toEqual(['Enter']);
    await page.keyboard.press('Escape');
    await waitForPopoverState(page, isClosed);
    // A page script forging a click on the highlight, or a pointer move onto it, opens nothing.
    await page.mouse.move(5, 5);
    await page.evaluate(
      ({ x, y }) => {
        for (const type of ['pointermove', 'pointerdown', 'pointerup']) {
          document
            .elementFromPoint(x, y)
            ?.dispatchEvent(
              new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, composed: true, pointerType: 'mouse' }),
            );
        }
        document
          .elementFromPoint(x, y)
          ?.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true }));
      },
      { x: target.x, y: target.y },
    );
    await new Promise((r) => setTimeout(r, 700));
    expect(await popoverState(page)).toBeNull();
  });

  it('has no serious or critical axe violations in the open popover (light and dark)', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await load('/popover-plain.html');
      await hover(0);
      await waitForPopoverState(page, isOpen);
      await clickInPopover(page, 'button.fc-info');
      await waitForPopoverState(page, (s) => !!s?.text.includes('In this case'));
      const result = await axePopover(page);
      expect(result.checkedElements).toBeGreaterThan(20);
      expect(result.passes).toEqual(expect.arrayContaining(['aria-dialog-name', 'color-contrast', 'button-name']));
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious, `${scheme}: ${JSON.stringify(serious)}`).toEqual([]);
    }
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  });

  it('animates only without prefers-reduced-motion, and keeps visible edges (border, badge outline) in forced-colors mode', async () => {
    const animations = () =>
      evaluateInUiRoot<string>(page, `(root) => getComputedStyle(root.querySelector('[role="dialog"]')).animationName`);
    const open = async () => {
      await load('/popover-plain.html');
      await hover(0);
      await waitForPopoverState(page, isOpen);
    };
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'no-preference' }]);
    await open();
    expect(await animations()).toBe('fc-in');
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
    await open();
    expect(await animations()).toBe('none');
    // Puppeteer's emulateMediaFeatures does not know forced-colors; the DevTools protocol does.
    const session = await page.createCDPSession();
    await session.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: 'active' }] });
    await open();
    const forced = await evaluateInUiRoot<Record<string, string>>(
      page,
      `(root) => {
        const d = getComputedStyle(root.querySelector('[role="dialog"]'));
        const b = getComputedStyle(root.querySelector('.fc-badge'));
        return { shadow: d.boxShadow, border: d.borderTopStyle + ' ' + d.borderTopWidth, badgeBorder: b.borderTopStyle };
      }`,
    );
    expect(forced).toEqual({ shadow: 'none', border: 'solid 1px', badgeBorder: 'solid' });
    await session.send('Emulation.setEmulatedMedia', { features: [] });
    await session.detach();
    await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'no-preference' }]);
  });

  it('looks and measures the same on a hostile page (all: unset, 40px, red, html font-size 5px, zoom 2)', async () => {
    const capture = async (path: string) => {
      await load(path);
      await hover(0);
      await waitForPopoverState(page, isOpen);
      await popoverSettled(page);
      const state = (await popoverState(page))!;
      const styles = await popoverStyles(page);
      const smallest = await smallestPopoverFontSize(page);
      const shot = await viewportShot({
        x: state.rect.x,
        y: state.rect.y,
        width: state.rect.width,
        height: Math.min(state.rect.height, 300),
      });
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
      await waitForPopoverState(page, isClosed);
      return { state, styles, smallest, shot };
    };
    const plain = await capture('/popover-plain.html');
    const hostile = await capture('/popover-hostile.html');
    // The hostile rules are really in force on that page.
    expect(
      await page.evaluate(() => [
        getComputedStyle(document.querySelector('p')!).fontSize,
        getComputedStyle(document.documentElement).zoom,
      ]),
    ).toEqual(['40px', '2']);
    expect(hostile.state.narrative).toBe(plain.state.narrative);
    expect(hostile.styles).toEqual(plain.styles);
    expect(plain.styles.body!['font-size']).toBe('15px');
    expect(plain.smallest).toBeGreaterThanOrEqual(14);
    expect(hostile.smallest).toBeGreaterThanOrEqual(14);
    expect(Math.round(hostile.state.rect.width)).toBe(Math.round(plain.state.rect.width));
    // (Heights may differ: the popover's max-height follows the space available beside the phrase.)
    // Pixel by pixel, the popover renders the same (no red, no 40px text, no double size).
    const a = await sharp(plain.shot).raw().toBuffer({ resolveWithObject: true });
    const b = await sharp(hostile.shot).raw().toBuffer({ resolveWithObject: true });
    expect(b.info.width).toBe(a.info.width);
    expect(b.info.height).toBe(a.info.height);
    // Screenshots are clipped at fractional page coordinates: allow the two to be offset by a pixel.
    const w = a.info.width;
    const h = a.info.height;
    const c = a.info.channels;
    let meanDiff = Infinity;
    for (const dx of [-1, 0, 1]) {
      for (const dy of [-1, 0, 1]) {
        let diff = 0;
        let n = 0;
        for (let y = 2; y < h - 2; y++) {
          for (let x = 2; x < w - 2; x++) {
            const i = (y * w + x) * c;
            const j = ((y + dy) * w + (x + dx)) * c;
            for (let k = 0; k < 3; k++) diff += Math.abs(a.data[i + k]! - b.data[j + k]!);
            n += 3;
          }
        }
        meanDiff = Math.min(meanDiff, diff / n);
      }
    }
    if (process.env.FACTCONTEXT_KEEP_SHOTS) {
      writeFileSync('/tmp/fc-plain.png', plain.shot);
      writeFileSync('/tmp/fc-hostile.png', hostile.shot);
    }
    expect(meanDiff).toBeLessThan(1);
  });

  it('is styled and positioned on a page whose CSP forbids styles', async () => {
    await load('/popover-csp.html');
    // The page's own <style> is blocked…
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
    const target = await hover(0);
    const state = (await waitForPopoverState(page, isOpen))!;
    expect(state.narrative).toBe(target.expect);
    // …ours is not.
    const styles = await popoverStyles(page);
    expect(styles.dialog!['font-size']).toBe('15px');
    expect(styles.dialog!['width']).toBe('360px');
    expect(state.rect.y).toBeGreaterThan(target.y);
  });

  it('"Turn off on this site" turns highlighting off on the site and closes the popover', async () => {
    // A different site (localhost instead of 127.0.0.1), so the other tests' site stays on.
    const other = server.origin.replace('127.0.0.1', 'localhost');
    await page.goto(`${other}/popover-plain.html`);
    await waitForHighlights(page, (r) => r.length >= 2);
    await hover(0);
    await waitForPopoverState(page, isOpen);
    await clickInPopover(page, '.fc-actions button', 'Turn off on this site');
    await waitForPopoverState(page, isClosed);
    await waitForHighlights(page, (r) => r.length === 0);
  });

  it('"More" opens the options page at the narrative', async () => {
    await load('/popover-plain.html');
    await hover(0);
    const state = (await waitForPopoverState(page, isOpen))!;
    const opened = ext.browser.waitForTarget((t) => t.url().includes('/options.html'), { timeout: 10_000 });
    await clickInPopover(page, '.fc-actions button', 'More');
    const target = await opened;
    expect(decodeURIComponent(target.url())).toContain(`narrative=${state.narrative}`);
  });

  it('saves light and dark screenshots', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await page.bringToFront();
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await load('/popover-plain.html');
      await hover(0);
      const opened = (await waitForPopoverState(page, isOpen))!;
      await page.mouse.move(opened.rect.x + 40, opened.rect.y + 40, { steps: 5 });
      await popoverSettled(page);
      const state = (await popoverState(page))!;
      const margin = 16;
      const shot = await viewportShot({
        x: state.rect.x - margin,
        y: state.rect.y - 48,
        width: state.rect.width + 2 * margin,
        height: state.rect.height + 48 + margin,
      });
      const png = await sharp(shot).png({ palette: true, quality: 90, compressionLevel: 9 }).toBuffer();
      writeFileSync(resolve(SCREENSHOTS, `popover-${scheme}.png`), png);
      expect(png.length).toBeLessThan(150_000);
    }
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  });
});

describe('popover for a Russian-speaking reader', () => {
  let ext: LoadedExtension;
  let server: Awaited<ReturnType<typeof startFixtureServer>>;
  let pack: PackData;

  beforeAll(async () => {
    pack = readPack();
    server = await startFixtureServer(popoverRoutes(pack));
    ext = await launchWithExtension({ args: ['--lang=ru'] });
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('shows the narrative in Russian with Russian interface text', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${server.origin}/popover-plain.html`);
    await waitForHighlights(page, (r) => r.length >= 2);
    const target = (await listExpectedHighlights(page)).find((h) => h.expect)!;
    await page.mouse.move(target.x, target.y, { steps: 4 });
    const state = (await waitForPopoverState(page, isOpen))!;
    const narrative = pack.narratives.find((n) => n.id === state.narrative)! as PackData['narratives'][number] & {
      translations?: { ru?: { title: string; claim: string } };
    };
    const ru = narrative.translations?.ru;
    expect(ru, 'the pack has a Russian translation of this narrative').toBeTruthy();
    expect(state.title).toBe(ru!.title);
    expect(state.text).toContain(ru!.claim);
    expect(state.text).toContain('Что утверждается');
    expect(state.text).toContain('Что говорит анализ');
    expect(state.text).not.toContain('What is claimed');
  });
});

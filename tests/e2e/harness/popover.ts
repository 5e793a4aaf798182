import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'puppeteer-core';
import { evaluateInUiRoot } from './page';

/** The pack the extension is built with, read as data (the tests follow whatever it currently says). */
export interface PackData {
  source: { title: string; date: string | null; author: string | null; url: string | null };
  narratives: {
    id: string;
    title: string;
    claim: string;
    counterAnalysis: string;
    keyPoints: string[];
    evidence: { status: string; note: string };
    quotes: { text: string; location: string }[];
    examples: { en?: string[] };
  }[];
}

const POPOVER_PACK_PATH = resolve(import.meta.dirname, '../../../packs/belarus-ukraine-troubled-period.json');
export const readPack = (): PackData => JSON.parse(readFileSync(POPOVER_PACK_PATH, 'utf8')) as PackData;

/** Page CSS that tries everything to restyle what it doesn't own. */
export const HOSTILE_CSS = `
* { all: unset !important; font-size: 40px !important; color: red !important; }
/* !important so that the universal rule above (which resets zoom too) does not cancel them. */
html { font-size: 5px !important; zoom: 2 !important; }
`;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A news-like page with one paragraph per narrative, each holding that narrative's first English example
 * (which the pack guarantees to match); every paragraph names its narrative in data-expect.
 */
export function popoverPage(pack: PackData, options: { hostile?: boolean; title?: string } = {}): string {
  const paragraphs = pack.narratives
    .filter((n) => n.examples.en?.length)
    .map(
      (n) =>
        `      <p data-expect="${n.id}">Reporting from the region continued this week. ${escapeHtml(n.examples.en![0]!)} ` +
        `Observers were cautious about what comes next.</p>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(options.title ?? 'Popover fixture')}</title>
    <style>
      body { margin: 0; font: 18px/1.6 Georgia, serif; color: #222; background: #fbfaf7; }
      main { max-width: 640px; margin: 40px auto 1400px; padding: 0 24px; }
      h1 { font: 700 30px/1.2 Georgia, serif; }
      @media (prefers-color-scheme: dark) { body { color: #ddd; background: #16181b; } }
    </style>
    ${options.hostile ? `<style>${HOSTILE_CSS}</style>` : ''}
  </head>
  <body>
    <main>
      <h1>${escapeHtml(options.title ?? 'Popover fixture')}</h1>
      <button id="before" type="button">A page button</button>
${paragraphs}
      <p>Local think tanks met estate agents to discuss rent prices; nothing to see here.</p>
    </main>
  </body>
</html>
`;
}

/** Static-server routes for the plain and hostile popover pages. */
export function popoverRoutes(pack: PackData) {
  const send =
    (html: string, headers: Record<string, string> = {}) =>
    (_req: IncomingMessage, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
      res.end(html);
    };
  return {
    '/popover-plain.html': send(popoverPage(pack, { title: 'Plain page' })),
    // A page whose Content-Security-Policy forbids every style and script of its own.
    '/popover-csp.html': send(popoverPage(pack, { title: 'Strict CSP page' }), {
      'content-security-policy': "default-src 'none'; style-src 'none'; script-src 'none'; img-src 'none'",
    }),
    '/popover-hostile.html': send(popoverPage(pack, { hostile: true, title: 'Hostile page' })),
  };
}

/** Highlighted ranges with the narrative their paragraph expects, in document order. */
export async function listExpectedHighlights(
  page: Page,
): Promise<{ text: string; expect: string | null; x: number; y: number }[]> {
  return page.evaluate(() => {
    const out: { text: string; expect: string | null; x: number; y: number }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('factcontext')) continue;
      for (const range of highlight as unknown as Iterable<AbstractRange>) {
        if (!(range instanceof Range)) continue;
        const r = range.getClientRects()[0];
        if (!r) continue;
        const p = range.startContainer.parentElement?.closest('[data-expect]');
        out.push({
          text: range.toString(),
          expect: p?.getAttribute('data-expect') ?? null,
          x: r.left + Math.min(r.width / 2, 12),
          y: r.top + r.height / 2,
        });
      }
    }
    return out.sort((a, b) => a.y - b.y || a.x - b.x);
  });
}

export interface PopoverState {
  narrative: string | null;
  title: string | null;
  labelledBy: string | null;
  text: string;
  /** What has keyboard focus inside our UI (null: focus is not in it). */
  focus: { tag: string; className: string; text: string } | null;
  rect: { x: number; y: number; width: number; height: number };
}

/** The open popover's state, read through the DevTools protocol (the shadow root is closed), or null. */
export async function popoverState(page: Page): Promise<PopoverState | null> {
  return evaluateInUiRoot<PopoverState | null>(
    page,
    `(root) => {
      const d = root.querySelector('[role="dialog"]');
      if (!d) return null;
      const labelId = d.getAttribute('aria-labelledby');
      const label = labelId ? root.getElementById(labelId) : null;
      const a = root.activeElement;
      const r = d.getBoundingClientRect();
      return {
        narrative: d.getAttribute('data-narrative'),
        title: label ? label.textContent : null,
        labelledBy: labelId,
        text: d.innerText,
        focus: a ? { tag: a.tagName.toLowerCase(), className: String(a.className), text: a.textContent || '' } : null,
        rect: { x: r.x, y: r.y, width: r.width, height: r.height },
      };
    }`,
  );
}

/** Polls until `predicate` holds for the popover state (null = closed); returns the last state. */
export async function waitForPopoverState(
  page: Page,
  predicate: (state: PopoverState | null) => boolean,
  timeoutMs = 5_000,
): Promise<PopoverState | null> {
  const deadline = Date.now() + timeoutMs;
  let state: PopoverState | null = null;
  while (Date.now() < deadline) {
    state = await popoverState(page);
    if (predicate(state)) return state;
    await new Promise((r) => setTimeout(r, 40));
  }
  throw new Error(`Popover did not reach the expected state in ${timeoutMs} ms; last: ${JSON.stringify(state)}`);
}

/** Clicks a control inside the popover by its accessible text, with a real (trusted) mouse click. */
export async function clickInPopover(page: Page, selector: string, text?: string): Promise<void> {
  const box = await evaluateInUiRoot<{ x: number; y: number } | null>(
    page,
    `(root) => {
      const el = [...root.querySelectorAll(${JSON.stringify(selector)})]
        .find((e) => ${JSON.stringify(text ?? null)} === null || (e.getAttribute('aria-label') || e.textContent || '').includes(${JSON.stringify(text ?? '')}));
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }`,
  );
  if (!box) throw new Error(`No "${selector}" ${text ?? ''} in the popover`);
  await page.mouse.click(box.x, box.y);
}

/** Computed styles of the popover's parts (for comparing a hostile page with a plain one). */
export async function popoverStyles(page: Page): Promise<Record<string, Record<string, string>>> {
  return (await evaluateInUiRoot<Record<string, Record<string, string>>>(
    page,
    `(root) => {
      const props = ['font-size', 'font-family', 'font-weight', 'line-height', 'color', 'background-color',
        'width', 'padding-top', 'padding-left', 'border-top-width', 'display', 'letter-spacing', 'text-transform'];
      const pick = (sel) => {
        const el = root.querySelector(sel);
        if (!el) return { missing: 'yes' };
        const cs = getComputedStyle(el);
        return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
      };
      return {
        dialog: pick('[role="dialog"]'), title: pick('h2'), heading: pick('h3'), body: pick('.fc-scroll > p'),
        badge: pick('.fc-badge'), button: pick('.fc-actions button'), source: pick('.fc-source'),
      };
    }`,
  ))!;
}

/** The smallest computed font size of any element with text in the popover. */
export async function smallestPopoverFontSize(page: Page): Promise<number> {
  return (await evaluateInUiRoot<number>(
    page,
    `(root) => {
      let min = Infinity;
      for (const el of root.querySelectorAll('[role="dialog"] *')) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || el.closest('[hidden]') || el.closest('.fc-visually-hidden')) continue;
        min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
      }
      return min;
    }`,
  ))!;
}

const require = createRequire(import.meta.url);
export const AXE_PATH = require.resolve('axe-core/axe.min.js');

export interface AxeSummary {
  violations: { id: string; impact: string | null; nodes: string[] }[];
  passes: string[];
  /** How many elements of the popover axe examined (guards against checking an empty context). */
  checkedElements: number;
}

/**
 * Runs axe-core on the open popover. Axe cannot see into the closed shadow root, so the test copies the
 * shadow root's exact contents (its stylesheet and the live popover DOM, read through the DevTools
 * protocol) into an open shadow root on the same page, at the same place, and runs axe there.
 */
export async function axePopover(page: Page): Promise<AxeSummary> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.addScriptTag({ path: AXE_PATH });
  const copied = await evaluateInUiRoot<boolean>(
    page,
    `(root) => {
      if (!root.querySelector('[role="dialog"]')) return false;
      document.getElementById('fc-axe-copy')?.remove();
      const host = document.createElement('factcontext-axe-copy');
      host.id = 'fc-axe-copy';
      // The copy stands for our host while a popover is open (it is not rendered otherwise).
      host.setAttribute('data-open', '');
      const open = host.attachShadow({ mode: 'open' });
      open.innerHTML = root.innerHTML;
      document.body.append(host);
      return true;
    }`,
  );
  if (!copied) throw new Error('No open popover to check');
  return page.evaluate(async () => {
    const host = document.getElementById('fc-axe-copy')!;
    const w = window as unknown as {
      axe: {
        run(
          context: unknown,
          options: unknown,
        ): Promise<{
          violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
          passes: { id: string; nodes: unknown[] }[];
        }>;
      };
    };
    // The copy replays the popover's short entry animation; check it in its final state.
    await Promise.all(host.shadowRoot!.getAnimations().map((a) => a.finished));
    const results = await w.axe.run(
      { include: [{ fromShadowDom: ['#fc-axe-copy', '[role="dialog"]'] }] },
      {
        resultTypes: ['violations', 'passes'],
      },
    );
    const checkedElements = host.shadowRoot!.querySelectorAll('[role="dialog"] *').length;
    host.remove();
    return {
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => JSON.stringify(n.target)),
      })),
      passes: results.passes.filter((p) => p.nodes.length > 0).map((p) => p.id),
      checkedElements,
    };
  });
}

/** Waits for the popover's entry animation (if any) to finish. */
export async function popoverSettled(page: Page): Promise<void> {
  await evaluateInUiRoot<null>(
    page,
    `(root) => Promise.all(root.getAnimations().map((a) => a.finished)).then(() => null)`,
  );
}

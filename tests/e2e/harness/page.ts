import type { CDPSession, Frame, Page } from 'puppeteer-core';
import { EVIDENCE_STATUSES } from '../../../src/core/pack/evidence';
import { FLASH_HIGHLIGHT, highlightName } from '../../../src/content/engine/highlights';
import { ruleSelectors } from '../../../src/content/engine/test-highlight-api';

export interface HighlightedRange {
  /** The CSS.highlights entry name, e.g. "factcontext-no-evidence". */
  name: string;
  text: string;
  rect: { x: number; y: number; width: number; height: number };
}

/** Lists every range in the page's (or a frame's) `factcontext*` highlights (read from the main world). */
export async function listHighlights(page: Page | Frame): Promise<HighlightedRange[]> {
  return page.evaluate(() => {
    const out: { name: string; text: string; rect: { x: number; y: number; width: number; height: number } }[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('factcontext') || name === 'factcontext-flash') continue;
      for (const range of highlight as unknown as Iterable<AbstractRange>) {
        if (!(range instanceof Range)) continue;
        const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
        out.push({ name, text: range.toString(), rect: { x: r.x, y: r.y, width: r.width, height: r.height } });
      }
    }
    return out.sort((a, b) => a.rect.y - b.rect.y || a.rect.x - b.rect.x);
  });
}

/** How the browser styles the text of one of our highlights (one entry per text node a range covers). */
export interface PaintedText {
  name: string;
  text: string;
  /** Computed `::highlight(name)` style of the text node's parent element. */
  background: string;
  line: string;
  lineStyle: string;
  /** `underline`, or `none` where no line is drawn. */
  lineKind: string;
}

/**
 * The styles our highlights are painted with: for every text node each of our ranges covers, the computed
 * `::highlight()` style of its parent element (what the browser paints that text with).
 */
export async function paintedHighlights(page: Page | Frame): Promise<PaintedText[]> {
  return page.evaluate(() => {
    const out: PaintedText[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('factcontext') || name === 'factcontext-flash') continue;
      for (const range of highlight as unknown as Iterable<AbstractRange>) {
        if (!(range instanceof Range)) continue;
        const root = range.commonAncestorContainer;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const nodes: Node[] = root.nodeType === Node.TEXT_NODE ? [root] : [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) if (range.intersectsNode(n)) nodes.push(n);
        for (const node of nodes) {
          if (!(node.textContent ?? '').trim()) continue;
          const style = getComputedStyle(node.parentElement!, `::highlight(${name})`);
          out.push({
            name,
            text: node.textContent ?? '',
            background: style.backgroundColor,
            line: style.textDecorationColor,
            lineStyle: style.textDecorationStyle,
            lineKind: style.textDecorationLine,
          });
        }
      }
    }
    return out;
  });
}

/** The selectors of our document-wide `::highlight()` rules, each with its `::highlight(name)` part. */
export async function ourHighlightSelectors(page: Page | Frame): Promise<string[]> {
  // The browser writes each rule on a line of its own, as the engine does (see `ruleSelectors`).
  const css = await page.evaluate(() =>
    document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n'),
  );
  return [...EVIDENCE_STATUSES.map(highlightName), FLASH_HIGHLIGHT].flatMap((name) => ruleSelectors(css, name).flat());
}

/** The shadow hosts (id, else tag name) whose shadow trees hold one of our highlights, sorted, each once. */
export async function shadowHostsOfHighlights(page: Page | Frame): Promise<string[]> {
  return page.evaluate(() => {
    const hosts = new Set<string>();
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('factcontext')) continue;
      for (const range of highlight as unknown as Iterable<AbstractRange>) {
        const root = range.startContainer.getRootNode();
        if (root instanceof ShadowRoot) hosts.add(root.host.id || root.host.tagName.toLowerCase());
      }
    }
    return [...hosts].sort();
  });
}

/**
 * Waits until at least `count` highlighted ranges exist (or the predicate holds); returns them. Also waits
 * (for up to 2 s) for the popover host, which is set up just after the first highlights are painted, so that
 * a test can hover or use the keyboard next.
 */
export async function waitForHighlights(
  page: Page | Frame,
  predicate: (ranges: HighlightedRange[]) => boolean = (r) => r.length > 0,
  timeoutMs = 10_000,
): Promise<HighlightedRange[]> {
  const deadline = Date.now() + timeoutMs;
  let last: HighlightedRange[] = [];
  while (Date.now() < deadline) {
    last = await listHighlights(page);
    if (predicate(last)) {
      await page
        .waitForFunction(() => performance.getEntriesByName('factcontext:popover-ready').length > 0, {
          timeout: 2_000,
          polling: 20,
        })
        .catch(() => {});
      return last;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(
    `Highlights did not reach the expected state in ${timeoutMs} ms; last: ${JSON.stringify(last.map((h) => h.text))}`,
  );
}

/** The first of `ranges` whose text includes `text` (case-insensitively); throws, naming `where`, if none. */
function highlightWith(ranges: HighlightedRange[], text: string, where: string): HighlightedRange {
  const target = ranges.find((r) => r.text.toLowerCase().includes(text.toLowerCase()));
  if (!target)
    throw new Error(`No highlight containing "${text}" ${where}; have: ${JSON.stringify(ranges.map((r) => r.text))}`);
  return target;
}

/** Moves the pointer onto `target`, from above left, its rect shifted by `offset` (a frame's place in the page). */
async function pointAt(page: Page, target: HighlightedRange, offset = { x: 0, y: 0 }): Promise<void> {
  const x = offset.x + target.rect.x + Math.min(target.rect.width / 2, 20);
  const y = offset.y + target.rect.y + target.rect.height / 2;
  await page.mouse.move(x - 40, y - 40);
  await page.mouse.move(x, y, { steps: 4 });
}

/** Scrolls the first highlight whose text includes `text` into view and moves the pointer onto it. */
export async function hoverHighlight(page: Page, text: string): Promise<HighlightedRange> {
  await page.evaluate((needle) => {
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('factcontext')) continue;
      for (const range of highlight as unknown as Iterable<AbstractRange>) {
        if (range instanceof Range && range.toString().toLowerCase().includes(needle.toLowerCase())) {
          range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
          return;
        }
      }
    }
  }, text);
  const target = highlightWith(await listHighlights(page), text, 'on the page');
  await pointAt(page, target);
  return target;
}

/** Scrolls the iframe with the id `frameId` into view and moves the pointer onto a highlight inside it. */
export async function hoverHighlightInFrame(page: Page, frameId: string, text: string): Promise<HighlightedRange> {
  const handle = await page.waitForSelector(`#${frameId}`);
  const frame = (await handle!.contentFrame())!;
  const box = await page.evaluate((id) => {
    const el = document.getElementById(id)!;
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    return { x: r.x + el.clientLeft, y: r.y + el.clientTop };
  }, frameId);
  const target = highlightWith(await listHighlights(frame), text, `in #${frameId}`);
  await pointAt(page, target, box);
  return target;
}

/**
 * The extension scripts (path, e.g. "/popover-ui.js") parsed so far in the page and its same-process
 * frames, in any world: the debugger reports every script already parsed when enabled (a script parsed in
 * several frames may be reported once, as they share its compiled code).
 */
export async function parsedExtensionScripts(page: Page): Promise<string[]> {
  const session = await cdp(page);
  const seen: string[] = [];
  session.on('Debugger.scriptParsed', (event: { url: string }) => {
    if (event.url.startsWith('chrome-extension://')) seen.push(new URL(event.url).pathname);
  });
  try {
    await session.send('Debugger.enable');
    await session.send('Debugger.disable');
  } finally {
    await session.detach();
  }
  return seen;
}

async function cdp(page: Page): Promise<CDPSession> {
  return page.createCDPSession();
}

/**
 * Runs `fn` on the extension UI's shadow root, which is closed to page scripts. DevTools protocol
 * DOM access pierces closed roots, so tests can read it without the page being able to.
 */
export async function evaluateInUiRoot<T>(page: Page, fn: string, inFrame?: string): Promise<T | null> {
  const session = await cdp(page);
  try {
    const { root } = await session.send('DOM.getDocument', { depth: -1, pierce: true });
    type DomNode = {
      nodeName: string;
      backendNodeId: number;
      attributes?: string[];
      children?: DomNode[];
      shadowRoots?: DomNode[];
      contentDocument?: DomNode;
    };
    let shadow: DomNode | undefined;
    // With `inFrame` (an iframe's id in the top document): the UI in that frame's document.
    const findFrame = (node: DomNode): DomNode | undefined => {
      const attrs = node.attributes ?? [];
      const idAt = attrs.indexOf('id');
      if (node.nodeName === 'IFRAME' && idAt >= 0 && idAt % 2 === 0 && attrs[idAt + 1] === inFrame)
        return node.contentDocument;
      for (const child of node.children ?? []) {
        const found = findFrame(child);
        if (found) return found;
      }
      return undefined;
    };
    const visit = (node: DomNode): void => {
      if (shadow) return;
      if (node.nodeName.toLowerCase() === 'factcontext-ui' && node.shadowRoots?.[0]) {
        shadow = node.shadowRoots[0];
        return;
      }
      node.children?.forEach(visit);
    };
    const start = inFrame === undefined ? (root as DomNode) : findFrame(root as DomNode);
    if (!start) return null;
    visit(start);
    if (!shadow) return null;
    const { object } = await session.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const result = await session.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: `function () { return (${fn})(this); }`,
      returnByValue: true,
      awaitPromise: true,
    });
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? 'evaluation failed');
    return result.result.value as T;
  } finally {
    await session.detach();
  }
}

/** The visible text of the open popover dialog, or null when none is open. */
export async function readPopoverText(page: Page, inFrame?: string): Promise<string | null> {
  return evaluateInUiRoot<string | null>(
    page,
    `(root) => { const d = root.querySelector('[role="dialog"]'); return d ? d.innerText : null; }`,
    inFrame,
  );
}

/** Waits for the popover to show text containing `needle` (in the iframe with the id `inFrame`, if given). */
export async function waitForPopover(page: Page, needle = '', timeoutMs = 5_000, inFrame?: string): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text: string | null = null;
  while (Date.now() < deadline) {
    text = await readPopoverText(page, inFrame);
    if (text !== null && text.includes(needle)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Popover did not show "${needle}" within ${timeoutMs} ms; last text: ${JSON.stringify(text)}`);
}

/** Reads the `factcontext:scan` performance measures from the page's main world. */
export async function readScanMeasures(
  page: Page,
): Promise<{ duration: number; detail: { chars: number; nodes: number; matches: number; busyMs: number } }[]> {
  return page.evaluate(() =>
    performance.getEntriesByName('factcontext:scan').map((e) => ({
      duration: e.duration,
      detail: (e as PerformanceMeasure).detail,
    })),
  );
}

/**
 * Serves a news page without a word of the pack's phrases, on which the sieve finds no place (a route for
 * `startFixtureServer` or `startEngineServer`).
 */
export function serveNoPlacesPage(_req: unknown, res: import('node:http').ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    '<!doctype html><title>Weather</title><main><h1>Rain for the weekend</h1>' +
      '<p>Forecasters expect steady rain over the coast on Saturday, clearing by Sunday evening.</p></main>',
  );
}

/**
 * Serves a page whose text has a place for the sieve ("military") but nothing the prefilter lets through:
 * the kind of page (most news pages that find a place) that needs the copy's head and never its body.
 */
export function servePlaceWithoutPhrasePage(_req: unknown, res: import('node:http').ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    '<!doctype html><title>Budget</title><main><h1>The council’s budget</h1>' +
      '<p>The city council debated new parking rules. Officials cited the military budget.</p></main>',
  );
}

/**
 * The content script's marks of how far it loaded the bundled pack, in order: the read of its copy started
 * as the script began (a place in the page's title), the script's sieve ready, its matcher (from the copy's
 * head), the copy's body (read once a block passes the prefilter).
 */
export function packLoadMarks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('mark')
      .map((m) => m.name)
      .filter((n) => /^factcontext:(copy-read-early|sieve-ready|matcher-ready|body-ready)$/.test(n)),
  );
}

/** Loads `url` (a page with a phrase), waits for its first highlight, and gives its `packLoadMarks`. */
export async function packLoadMarksOnceHighlighted(page: Page, url: string): Promise<string[]> {
  await page.goto(url);
  await waitForHighlights(page, (r) => r.length > 0);
  return packLoadMarks(page);
}

/** Serves a page with a phrase of the pack in its text, but not in its title. */
export function servePhraseInBodyPage(_req: unknown, res: import('node:http').ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    '<!doctype html><title>Weather</title><main><h1>Rain for the weekend</h1>' +
      '<p>Forecasters expect steady rain over the coast on Saturday, clearing by Sunday evening.</p>' +
      '<p>Some say Belarusian tanks will move south.</p></main>',
  );
}

/**
 * Appends a paragraph with a phrase of the pack to the page's `main` (as text that arrives later does) and
 * gives the highlights' texts once there are some.
 */
export async function appendPhraseLater(page: Page): Promise<string[]> {
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Some say Belarusian tanks will move south.';
    document.querySelector('main')!.append(p);
  });
  return (await waitForHighlights(page, (r) => r.length > 0)).map((r) => r.text);
}

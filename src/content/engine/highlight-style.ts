import { EVIDENCE_STATUSES, type EvidenceStatus } from '../../core/pack/evidence';
import { FLASH_HIGHLIGHT, highlightName } from './highlights';
import type { HighlightScope } from './highlight-scope';
import { hasElementsBelow } from './element-count';
import { afterNextFrame } from './schedule';

/**
 * Status groups: each has its own underline style, so colour is never the only signal.
 * - claim (no evidence, disputed, unverified): wavy underline
 * - context (missing context, framing, outdated): dashed underline
 * - forecast (speculative or analyst's forecast): dotted underline
 */
export const STATUS_GROUP: Record<EvidenceStatus, 'claim' | 'context' | 'forecast'> = {
  'no-evidence': 'claim',
  disputed: 'claim',
  unverified: 'claim',
  'missing-context': 'context',
  framing: 'context',
  outdated: 'context',
  'speculative-forecast': 'forecast',
  'analyst-forecast': 'forecast',
};

const UNDERLINE: Record<'claim' | 'context' | 'forecast', string> = {
  claim: 'wavy',
  context: 'dashed',
  forecast: 'dotted',
};

/** Hue per status: [background on light pages, underline on light pages, background on dark, underline on dark]. */
const PALETTE: Record<EvidenceStatus, [string, string, string, string]> = {
  'no-evidence': ['rgb(255 170 0 / 0.30)', 'rgb(176 72 0)', 'rgb(255 170 0 / 0.30)', 'rgb(255 190 90)'],
  disputed: ['rgb(255 90 90 / 0.25)', 'rgb(170 20 20)', 'rgb(255 90 90 / 0.32)', 'rgb(255 150 150)'],
  unverified: ['rgb(255 200 60 / 0.30)', 'rgb(140 100 0)', 'rgb(255 210 80 / 0.28)', 'rgb(255 225 120)'],
  'missing-context': ['rgb(80 160 255 / 0.25)', 'rgb(0 80 170)', 'rgb(80 160 255 / 0.32)', 'rgb(150 200 255)'],
  framing: ['rgb(190 120 255 / 0.25)', 'rgb(100 30 170)', 'rgb(190 120 255 / 0.32)', 'rgb(210 170 255)'],
  outdated: ['rgb(150 150 150 / 0.28)', 'rgb(80 80 80)', 'rgb(170 170 170 / 0.30)', 'rgb(210 210 210)'],
  'speculative-forecast': ['rgb(0 190 170 / 0.22)', 'rgb(0 110 100)', 'rgb(0 210 190 / 0.28)', 'rgb(110 230 215)'],
  'analyst-forecast': ['rgb(100 200 80 / 0.22)', 'rgb(40 110 20)', 'rgb(120 220 90 / 0.28)', 'rgb(170 235 150)'],
};

/**
 * The declarations of each of our highlights (by name), for a page whose background is light or dark;
 * without their underlines when `underlines` is false (see `UNDERLINE_MAX_CHARS`).
 */
export function highlightDeclarations(dark: boolean, underlines = true): Map<string, string> {
  const out = new Map<string, string>();
  for (const status of EVIDENCE_STATUSES) {
    const [bgLight, lineLight, bgDark, lineDark] = PALETTE[status];
    const bg = dark ? bgDark : bgLight;
    const line = dark ? lineDark : lineLight;
    const lineStyle = UNDERLINE[STATUS_GROUP[status]];
    // Without the line, its style and colour stay as longhands, for a reader's look that draws one.
    const decoration = underlines
      ? `text-decoration: underline ${lineStyle} ${line} 2px;`
      : `text-decoration-style: ${lineStyle}; text-decoration-color: ${line}; text-decoration-thickness: 2px;`;
    out.set(highlightName(status), `background-color: ${bg}; ${decoration} text-underline-offset: 3px;`);
  }
  out.set(FLASH_HIGHLIGHT, `background-color: ${dark ? 'rgb(255 230 0 / 0.55)' : 'rgb(255 220 0 / 0.75)'};`);
  return out;
}

/** Declarations that replace some of ours, by highlight name (the reader's look, storage/appearance.ts). */
export type StyleOverrides = Readonly<Record<string, string>>;

/**
 * The sheet's text: the engine's rules, then the reader's (`overrides`), which win where both apply.
 * `selectorsFor` scopes each highlight's rules to elements (see HighlightScope): a highlight with no
 * element gets no rule; without it, the rules apply everywhere (`::highlight(name)`).
 */
export function highlightSheetText(
  dark: boolean,
  overrides: StyleOverrides,
  selectorsFor?: (name: string) => readonly string[],
  underlines = true,
): string {
  const rule = (name: string, declarations: string): string | null => {
    if (!selectorsFor) return `::highlight(${name}) { ${declarations} }`;
    const scope = selectorsFor(name);
    return scope.length ? `${scope.map((s) => `${s}::highlight(${name})`).join(', ')} { ${declarations} }` : null;
  };
  const rules: (string | null)[] = [];
  for (const [name, declarations] of highlightDeclarations(dark, underlines)) rules.push(rule(name, declarations));
  for (const [name, declarations] of Object.entries(overrides)) rules.push(rule(name, declarations));
  return rules.filter((r) => r !== null).join('\n');
}

/**
 * A selector ending in `p:nth-child(3)` makes the browser check it against every `p` of the page when the
 * sheet arrives; a plain `::highlight()` rule makes it restyle every element once. Measured in Chromium, a
 * check costs about a twentieth of an element's restyle (docs/performance.md): the named elements are
 * cheaper while the checks stay under ten per element of the page. On a page of many alike paragraphs
 * with highlights in dozens of them (the generated 5 M-character page), they are not.
 */
const CHECKS_PER_ELEMENT = 10;

/**
 * Whether rules naming these elements (`HighlightScope` selectors) cost the page less than plain ones. The
 * elements counted are the body's, those the browser restyles.
 */
export function scopeIsCheaper(doc: Document, selectors: readonly string[]): boolean {
  // A selector is checked against at most every element: a few are always cheaper, and need no counting
  // (a count walks the page: 16–20 ms for the generated 5 M-character page's 73,059 elements).
  if (selectors.length <= CHECKS_PER_ELEMENT) return true;
  const root = doc.body ?? doc.documentElement;
  if (!root) return true;
  const byTag = new Map<string, number>();
  for (const selector of selectors) {
    const from = selector.lastIndexOf(' > ');
    if (from < 0) continue; // `:root`: one element.
    const tag = selector.slice(from + 3, selector.lastIndexOf(':nth-child('));
    byTag.set(tag, (byTag.get(tag) ?? 0) + 1);
  }
  if (byTag.size === 0) return true;
  let checks = 0;
  for (const [tag, n] of byTag) checks += n * root.getElementsByTagName(tag.replace(/\\/g, '')).length;
  // Counted only as far as needed: the whole count walks a large page (above).
  return hasElementsBelow(root, Math.ceil(checks / CHECKS_PER_ELEMENT));
}

/**
 * With highlight inheritance, the named elements' rules are rewritten as a pass finds more highlights, and
 * each time the browser restyles what they name again, where the plain rules restyle the page once: they
 * are kept while they restyle at most a quarter of the page's elements, or a few milliseconds' worth
 * (an element's restyle took 3–5 µs on the generated 5 M-character page here).
 */
const RESTYLED_SHARE = 4;
const RESTYLED_ANYWAY = 1_000;

/**
 * The elements the browser may restyle, in one frame, for elements our rules name for the first time. A
 * write of the sheet costs the page a walk of its elements (about 20 ms on the generated 5 M-character
 * page) and a restyle of what it newly names (3–5 µs an element there): the highlights of a large page,
 * found over a pass, are named over several frames, each well under 50 ms. An article's fit in one.
 */
const NEWLY_RESTYLED_PER_FRAME = 3_000;
/**
 * Pages with at least this many elements in the body get a smaller share per frame: there the walk that
 * comes with each write is most of a frame (16–42 ms traced on the generated 5 M-character page's 73,054
 * elements), and a share of 3,000 made frames of 50–65 ms. No page of the real-page corpus comes near
 * (wikipedia-2 has about 10,000).
 */
const LARGE_PAGE_ELEMENTS = 20_000;
const LARGE_PAGE_RESTYLED_PER_FRAME = 750;

/**
 * Whether the scope's rules (`selectors`) cost the page less than plain ones: checks as `scopeIsCheaper`,
 * and, where the browser has highlight inheritance, the elements restyled (`restyleEstimate`, 0 without).
 */
export function namedRulesAreCheaper(doc: Document, scope: HighlightScope, selectors: readonly string[]): boolean {
  if (!scopeIsCheaper(doc, selectors)) return false;
  const restyled = scope.restyleEstimate();
  if (restyled <= RESTYLED_ANYWAY) return true;
  const root = doc.body ?? doc.documentElement;
  return !root || hasElementsBelow(root, restyled * RESTYLED_SHARE);
}

/** Relative luminance (0..1) of a CSS colour string as returned by getComputedStyle, or null if transparent. */
export function luminanceOf(color: string): number | null {
  const m = /rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?/.exec(color);
  if (!m) return null;
  if (m[4] !== undefined) {
    const alpha = m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    if (alpha < 0.5) return null;
  }
  const lin = (v: string) => {
    const c = parseFloat(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(m[1]!) + 0.7152 * lin(m[2]!) + 0.0722 * lin(m[3]!);
}

/** True when the page's background is dark (two getComputedStyle reads: body, then the root element). */
export function pageIsDark(doc: Document): boolean {
  const view = doc.defaultView;
  if (!view) return false;
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const lum = luminanceOf(view.getComputedStyle(el).backgroundColor);
    if (lum !== null) return lum < 0.2;
  }
  // No background set: the canvas follows the color scheme.
  return view.matchMedia?.('(prefers-color-scheme: dark)').matches === true &&
    /dark/.test(view.getComputedStyle(doc.documentElement).colorScheme)
    ? true
    : false;
}

/**
 * The `::highlight()` styles, as constructed stylesheets adopted into the document and the shadow trees
 * we highlight in (the page's own sheets are kept), followed by the reader's own look when they chose one.
 *
 * Adopted only once there is something to highlight (`activate`): most pages never have a highlight, and
 * never pay for it. In the document, each highlight's rules name the elements whose text it covers
 * (HighlightScope), so that a new sheet is not a restyle of the whole page: `update()` rewrites them as
 * highlights come and go and as the page moves those elements. Shadow trees (small, as a rule) get the
 * plain rules. `ensureAdopted()` re-adopts the sheets if the page replaced `adoptedStyleSheets`.
 */
export class HighlightStyle {
  /** The document's sheet (scoped rules) and the shadow trees' (plain rules). */
  private readonly sheet: CSSStyleSheet;
  private readonly shadowSheet: CSSStyleSheet;
  private dark: boolean | null = null;
  private overrides: StyleOverrides = {};
  private written: string | null = null;
  private shadowWritten: string | null = null;
  /** The scope's revision the document's rules were last written from. */
  private scopeRevision = -1;
  /** The document has the plain rules (naming the elements would cost more, see `scopeIsCheaper`). */
  private plain = false;
  /** Our rules draw each status's line (see `setUnderlines`). */
  private underlines = true;
  /** Per highlight name, the named elements whose rules are in the document's sheet. */
  private inSheet = new Map<string, Set<Element>>();
  /** Elements restyled for newly named ones since the last frame (see NEWLY_RESTYLED_PER_FRAME). */
  private namedThisFrame = 0;
  /** How many this frame may take: set as the frame's first element is named (see `countFrame`). */
  private frameShare: number;
  private frameCounted = false;
  /** Some named elements wait for the next frame's write. */
  private followUp = false;
  private pending = false;
  private active = false;
  private readonly shadowRoots = new Set<ShadowRoot>();

  private readonly newlyRestyledPerFrame: number;
  private readonly largePageElements: number;
  private readonly largePageRestyledPerFrame: number;

  constructor(
    private readonly doc: Document,
    private readonly scope: HighlightScope,
    /** Other shares and page sizes than the constants above (tests use small pages). */
    options: { newlyRestyledPerFrame?: number; largePageElements?: number; largePageRestyledPerFrame?: number } = {},
  ) {
    this.newlyRestyledPerFrame = options.newlyRestyledPerFrame ?? NEWLY_RESTYLED_PER_FRAME;
    this.largePageElements = options.largePageElements ?? LARGE_PAGE_ELEMENTS;
    this.largePageRestyledPerFrame = options.largePageRestyledPerFrame ?? LARGE_PAGE_RESTYLED_PER_FRAME;
    this.frameShare = this.newlyRestyledPerFrame;
    this.sheet = new CSSStyleSheet();
    this.shadowSheet = new CSSStyleSheet();
  }

  /** Whether the sheet is in use (adopted, and kept adopted) since `activate`. */
  get isActive(): boolean {
    return this.active;
  }

  /** Declarations applied after the defaults (the reader's colours and line style); {} for none. */
  setOverrides(overrides: StyleOverrides): void {
    this.overrides = overrides;
    if (this.dark !== null) this.write();
  }

  /**
   * Whether our rules draw a line under highlighted text (the reader's own look may still ask for one):
   * false on pages too large for it (UNDERLINE_MAX_CHARS). Rewrites the sheets when it changes.
   */
  setUnderlines(on: boolean): void {
    if (on === this.underlines) return;
    this.underlines = on;
    if (this.dark !== null) this.write();
  }

  /**
   * Brings the document's rules up to date with the highlights' elements (after highlights were added or
   * dropped, or the page moved elements about); nothing to do when they did not change.
   */
  update(): void {
    if (this.active && this.dark !== null && this.scope.revision !== this.scopeRevision) this.writeDocumentSheet();
  }

  /** Writes both sheets, for a new palette or a new look from the reader. */
  private write(): void {
    this.writeDocumentSheet();
    if (this.shadowRoots.size) this.writeShadowSheet();
  }

  /** The document's rules, which follow the highlights' elements (the shadow trees' plain ones do not). */
  private writeDocumentSheet(): void {
    const dark = this.dark === true;
    const scope = this.scope;
    this.scopeRevision = scope.revision;
    let css: string;
    if (this.plain) css = highlightSheetText(dark, this.overrides, undefined, this.underlines);
    else {
      const selectors = new Map<string, readonly string[]>();
      const all: string[] = [];
      const inSheet = new Map<string, Set<Element>>();
      let deferred = false;
      const selectorsFor = (name: string) => {
        let list = selectors.get(name);
        if (list) return list;
        const before = this.inSheet.get(name);
        const now = new Set<Element>();
        const out = new Set<string>();
        for (const { element, selector, restyles } of scope.namedElementsFor(name)) {
          all.push(selector);
          if (!before?.has(element)) {
            // Named for the first time: the browser restyles it (and, with inheritance, its descendants).
            // Past this frame's share, it waits for the next frame (one at least each frame).
            if (this.namedThisFrame > 0 && this.namedThisFrame + restyles > this.frameShare) {
              deferred = true;
              continue;
            }
            this.namedThisFrame += restyles;
            this.countFrame();
          }
          now.add(element);
          out.add(selector);
        }
        inSheet.set(name, now);
        selectors.set(name, (list = [...out]));
        return list;
      };
      css = highlightSheetText(dark, this.overrides, selectorsFor, this.underlines);
      this.inSheet = inSheet;
      if (deferred) this.followUp = true;
      // Unchanged rules (the page added an element after ours, say) need neither weighing nor writing.
      if (css !== this.written) {
        if (!namedRulesAreCheaper(this.doc, scope, all)) {
          // From now on, for as long as this page lasts: going back would restyle the page once more.
          this.plain = true;
          css = highlightSheetText(dark, this.overrides, undefined, this.underlines);
        }
      }
    }
    // Unchanged rules are not written again: every change restyles the elements they name.
    if (css !== this.written) {
      this.sheet.replaceSync(css);
      this.written = css;
    }
  }

  /**
   * Counts the elements newly named until the next frame, then lets the rules that had to wait in (see
   * NEWLY_RESTYLED_PER_FRAME).
   */
  private countFrame(): void {
    if (this.frameCounted) return;
    this.frameCounted = true;
    // Counted by the browser only as far as the threshold, and kept by it until the page changes.
    const root = this.doc.body ?? this.doc.documentElement;
    this.frameShare =
      root && hasElementsBelow(root, this.largePageElements)
        ? this.largePageRestyledPerFrame
        : this.newlyRestyledPerFrame;
    const view = this.doc.defaultView;
    // After the next frame, or after a while where frames never come (a hidden tab).
    const frame = view ? afterNextFrame(view, 100) : new Promise<void>((resolve) => setTimeout(resolve, 100));
    void frame.then(() => {
      this.frameCounted = false;
      this.namedThisFrame = 0;
      if (!this.followUp) return;
      this.followUp = false;
      if (this.active && this.dark !== null && !this.plain) this.writeDocumentSheet();
    });
  }

  private writeShadowSheet(): void {
    const css = highlightSheetText(this.dark === true, this.overrides, undefined, this.underlines);
    if (css === this.shadowWritten) return;
    this.shadowSheet.replaceSync(css);
    this.shadowWritten = css;
  }

  /**
   * Matches the palette to the page's background. Reading the background needs clean styles: called when
   * the browser has just rendered (see `activate`), not mid-parse.
   */
  ensure(): void {
    const dark = pageIsDark(this.doc);
    if (dark !== this.dark) {
      this.dark = dark;
      this.write();
    }
    this.ensureAdopted();
  }

  /**
   * Adopts the sheet now (light palette until known) and reads the background after the next frame,
   * when styles are already computed, so the read never forces a style recalculation of a large page.
   * Called again (after a new page view, say), it checks the background again.
   */
  activate(): void {
    this.active = true;
    if (this.dark === null) {
      this.dark = false;
      this.write();
    } else this.update();
    this.ensureAdopted();
    if (this.pending) return;
    this.pending = true;
    const view = this.doc.defaultView;
    const run = () => {
      this.pending = false;
      if (this.active) this.ensure();
    };
    if (view?.requestAnimationFrame) view.requestAnimationFrame(() => setTimeout(run, 0));
    else setTimeout(run, 0);
  }

  /** Re-adopts the sheets if the page replaced `adoptedStyleSheets` (no style reads); nothing before `activate`. */
  ensureAdopted(): void {
    if (!this.active) return;
    if (this.shadowRoots.size && this.shadowWritten === null) this.writeShadowSheet();
    if (!this.doc.adoptedStyleSheets.includes(this.sheet)) {
      this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, this.sheet];
    }
    for (const root of this.shadowRoots) {
      if (!root.adoptedStyleSheets.includes(this.shadowSheet))
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.shadowSheet];
    }
  }

  /** `::highlight()` rules apply per tree: shadow trees we highlight in get a sheet too, once it is in use. */
  adoptInto(root: ShadowRoot): void {
    this.shadowRoots.add(root);
    if (!this.active) return;
    if (this.dark !== null) this.writeShadowSheet();
    if (!root.adoptedStyleSheets.includes(this.shadowSheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.shadowSheet];
  }

  get isDark(): boolean {
    return this.dark === true;
  }

  /** Takes the sheets out of the document and every shadow tree, until `activate` is called again. */
  remove(): void {
    this.active = false;
    // Adopted again, the sheet restyles what it names anyway: naming elements may pay again.
    this.plain = false;
    this.inSheet = new Map();
    this.followUp = false;
    if (this.doc.adoptedStyleSheets.includes(this.sheet)) {
      this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter((s) => s !== this.sheet);
    }
    for (const root of this.shadowRoots) {
      if (root.adoptedStyleSheets.includes(this.shadowSheet)) {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.shadowSheet);
      }
    }
    this.shadowRoots.clear();
  }
}

import { EVIDENCE_STATUSES, type EvidenceStatus } from '../../core/pack/evidence';
import { FLASH_HIGHLIGHT, highlightName } from './highlights';

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

/** The `::highlight()` rules for a page whose background is light or dark. */
export function highlightCss(dark: boolean): string {
  const rules = EVIDENCE_STATUSES.map((status) => {
    const [bgLight, lineLight, bgDark, lineDark] = PALETTE[status];
    const bg = dark ? bgDark : bgLight;
    const line = dark ? lineDark : lineLight;
    return `::highlight(${highlightName(status)}) { background-color: ${bg}; text-decoration: underline ${UNDERLINE[STATUS_GROUP[status]]} ${line} 2px; text-underline-offset: 3px; }`;
  });
  rules.push(
    `::highlight(${FLASH_HIGHLIGHT}) { background-color: ${dark ? 'rgb(255 230 0 / 0.55)' : 'rgb(255 220 0 / 0.75)'}; }`,
  );
  return rules.join('\n');
}

/** The engine's sheet: its own rules, then the reader's (`overrides`), which win where both apply. */
export function highlightSheetText(dark: boolean, overrides: string): string {
  return overrides ? `${highlightCss(dark)}\n${overrides}` : highlightCss(dark);
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
 * The `::highlight()` styles, as one constructed stylesheet adopted into the document (the page's own
 * sheets are kept), followed by the reader's own look when they chose one.
 *
 * Adopted only once there is something to highlight (`activate`). A `::highlight()` rule applies to every
 * element, so a sheet holding one makes the browser recompute the style of the whole page when it arrives:
 * 350 ms on the generated 5 M-character page, one task the page can't interrupt. Most pages never have a
 * highlight, and never pay for it. `ensureAdopted()` re-adopts it if the page replaced `adoptedStyleSheets`.
 */
export class HighlightStyle {
  private readonly sheet: CSSStyleSheet;
  private dark: boolean | null = null;
  private overrides = '';
  private written: string | null = null;
  private pending = false;
  private active = false;
  private readonly shadowRoots = new Set<ShadowRoot>();

  constructor(private readonly doc: Document) {
    this.sheet = new CSSStyleSheet();
  }

  /** Whether the sheet is in use (adopted, and kept adopted) since `activate`. */
  get isActive(): boolean {
    return this.active;
  }

  /** Rules applied after the defaults (the reader's colours and line style); '' for none. */
  setOverrides(css: string): void {
    this.overrides = css;
    if (this.dark !== null) this.write();
  }

  private write(): void {
    const css = highlightSheetText(this.dark === true, this.overrides);
    // Unchanged rules are not written again: every change restyles every element.
    if (css === this.written) return;
    this.sheet.replaceSync(css);
    this.written = css;
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
    }
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

  /** Re-adopts the sheet if the page replaced `adoptedStyleSheets` (no style reads); nothing before `activate`. */
  ensureAdopted(): void {
    if (!this.active) return;
    if (!this.doc.adoptedStyleSheets.includes(this.sheet)) {
      this.doc.adoptedStyleSheets = [...this.doc.adoptedStyleSheets, this.sheet];
    }
    for (const root of this.shadowRoots) {
      if (!root.adoptedStyleSheets.includes(this.sheet))
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
    }
  }

  /** `::highlight()` rules apply per tree: shadow trees we highlight in get the sheet too, once it is in use. */
  adoptInto(root: ShadowRoot): void {
    this.shadowRoots.add(root);
    if (this.active && !root.adoptedStyleSheets.includes(this.sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.sheet];
  }

  get isDark(): boolean {
    return this.dark === true;
  }

  /** Takes the sheet out of the document and every shadow tree, until `activate` is called again. */
  remove(): void {
    this.active = false;
    if (this.doc.adoptedStyleSheets.includes(this.sheet)) {
      this.doc.adoptedStyleSheets = this.doc.adoptedStyleSheets.filter((s) => s !== this.sheet);
    }
    for (const root of this.shadowRoots) {
      if (root.adoptedStyleSheets.includes(this.sheet)) {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== this.sheet);
      }
    }
    this.shadowRoots.clear();
  }
}

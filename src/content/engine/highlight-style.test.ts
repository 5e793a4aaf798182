// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { EVIDENCE_STATUSES } from '../../core/pack/evidence';
import {
  HighlightStyle,
  highlightDeclarations,
  highlightSheetText,
  luminanceOf,
  scopeIsCheaper,
} from './highlight-style';
import { HighlightScope } from './highlight-scope';
import { ruleSelectors } from './test-highlight-api';
import { FLASH_HIGHLIGHT, highlightName } from './highlights';

/** The text our sheets were last given (spied on: the test DOM's own CSS parser drops `::highlight()` rules). */
function recordSheetTexts(): { last(): string; restore(): void } {
  const spy = vi.spyOn(CSSStyleSheet.prototype, 'replaceSync');
  return { last: () => String(spy.mock.calls.at(-1)?.[0]), restore: () => spy.mockRestore() };
}

describe('the engine’s stylesheet text', () => {
  it('holds its own rules for the page’s background, then the reader’s, so that the reader’s win', () => {
    const reader = { 'factcontext-disputed': 'background-color: #01020340;' };
    const text = highlightSheetText(false, reader);
    expect(text.startsWith(highlightSheetText(false, {}))).toBe(true);
    expect(text.endsWith('::highlight(factcontext-disputed) { background-color: #01020340; }')).toBe(true);
    expect(highlightSheetText(true, {})).not.toBe(highlightSheetText(false, {}));
  });

  it('names the elements of each highlight when scoped, and leaves out a highlight without any', () => {
    const scoped: Record<string, string[]> = {
      'factcontext-disputed': ['p:nth-child(2)', 'em:nth-child(1)'],
      'factcontext-flash': ['p:nth-child(2)'],
    };
    const reader = { 'factcontext-disputed': 'background-color: #01020340;' };
    const text = highlightSheetText(false, reader, (name) => scoped[name] ?? []);
    const rules = text.split('\n');
    // The engine's disputed rule, the flash rule, and the reader's disputed rule: nothing else.
    expect(rules).toHaveLength(3);
    expect(rules[0]).toMatch(
      /^p:nth-child\(2\)::highlight\(factcontext-disputed\), em:nth-child\(1\)::highlight\(factcontext-disputed\) \{ background-color: rgb/,
    );
    expect(rules[1]).toMatch(/^p:nth-child\(2\)::highlight\(factcontext-flash\) \{/);
    expect(rules[2]).toBe(
      'p:nth-child(2)::highlight(factcontext-disputed), em:nth-child(1)::highlight(factcontext-disputed) { background-color: #01020340; }',
    );
    // No rule of ours applies to every element.
    expect(text).not.toMatch(/(^|, )::highlight/m);
  });

  it('gives every status an underline that stands out on light and dark pages, in one of three line styles', () => {
    const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    for (const [dark, page] of [
      [false, 'rgb(255, 255, 255)'],
      [true, 'rgb(30, 30, 30)'],
    ] as const) {
      const declarations = highlightDeclarations(dark);
      expect([...declarations.keys()].sort()).toEqual(
        [...EVIDENCE_STATUSES.map(highlightName), FLASH_HIGHLIGHT].sort(),
      );
      const styles = new Set<string>();
      for (const status of EVIDENCE_STATUSES) {
        const text = declarations.get(highlightName(status))!;
        const line = /underline (\w+) (rgb\([^)]*\))/.exec(text)!;
        styles.add(line[1]!);
        expect(contrast(luminanceOf(line[2]!)!, luminanceOf(page)!)).toBeGreaterThan(3);
      }
      expect(styles).toEqual(new Set(['wavy', 'dashed', 'dotted']));
    }
    expect(highlightDeclarations(true)).not.toEqual(highlightDeclarations(false));
  });

  it('draws no line on request, keeping each status its colour and its line style for a reader who asks for a line', () => {
    for (const dark of [false, true]) {
      const lined = highlightDeclarations(dark);
      const unlined = highlightDeclarations(dark, false);
      expect([...unlined.keys()]).toEqual([...lined.keys()]);
      const backgrounds = new Set<string>();
      for (const status of EVIDENCE_STATUSES) {
        const name = highlightName(status);
        const text = unlined.get(name)!;
        // No line of ours: neither the shorthand nor `text-decoration-line`.
        expect(text).not.toMatch(/text-decoration:|text-decoration-line/);
        const background = /background-color: ([^;]+);/.exec(text)![1]!;
        expect(lined.get(name)).toContain(`background-color: ${background};`);
        backgrounds.add(background);
        // The line's style and colour are kept, for a reader's `text-decoration-line: underline`.
        const [, style, color] = /underline (\w+) (rgb\([^)]*\))/.exec(lined.get(name)!)!;
        expect(text).toContain(`text-decoration-style: ${style};`);
        expect(text).toContain(`text-decoration-color: ${color};`);
      }
      expect(backgrounds.size).toBe(EVIDENCE_STATUSES.length);
    }
    expect(highlightSheetText(false, {}, undefined, false)).not.toMatch(/text-decoration:/);
    expect(highlightSheetText(false, {})).toMatch(/text-decoration: underline/);
  });

  it('rewrites the document’s and the shadow trees’ sheets when the line is turned off or on', () => {
    document.body.innerHTML = '<main><p>Text</p></main><div id="host"></div>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    const sheets = recordSheetTexts();
    try {
      const scope = new HighlightScope();
      const style = new HighlightStyle(document, scope);
      // Before the sheet is in use, nothing is written.
      style.setUnderlines(false);
      expect(sheets.last()).toBe('undefined');
      style.setUnderlines(true);
      scope.add('factcontext-disputed', [document.querySelector('p')!]);
      style.activate();
      style.adoptInto(shadow);
      expect(sheets.last()).toMatch(/text-decoration: underline/);
      const { mock } = vi.mocked(CSSStyleSheet.prototype.replaceSync);
      /** The text each of the two sheets was last given. */
      const texts = () => {
        const last = (sheet: CSSStyleSheet | undefined) =>
          String(mock.calls[mock.contexts.lastIndexOf(sheet as CSSStyleSheet)]?.[0]);
        return { doc: last(document.adoptedStyleSheets[0]), shadow: last(shadow.adoptedStyleSheets[0]) };
      };
      expect(texts().doc).toContain('main:nth-child(1) > p:nth-child(1)::highlight(factcontext-disputed)');
      style.setUnderlines(false);
      expect(texts().doc).not.toMatch(/text-decoration:/);
      expect(texts().doc).toContain('p:nth-child(1)::highlight(factcontext-disputed)');
      expect(texts().shadow).not.toMatch(/text-decoration:/);
      expect(texts().shadow).toContain('::highlight(factcontext-disputed)');
      const calls = mock.calls.length;
      style.setUnderlines(false);
      expect(mock.calls.length).toBe(calls);
      style.setUnderlines(true);
      expect(texts().doc).toMatch(/text-decoration: underline/);
      expect(texts().shadow).toMatch(/text-decoration: underline/);
      style.remove();
    } finally {
      sheets.restore();
    }
  });

  it('names elements only while that costs the page less than plain rules, then keeps the plain ones', () => {
    document.body.innerHTML = `<main>${'<p>Text <em>here</em>.</p>'.repeat(100)}</main>`;
    const ps = [...document.querySelectorAll('p')];
    const path = (i: number) => `:root > body:nth-child(2) > main:nth-child(1) > p:nth-child(${i + 1})`;
    // 201 elements in the body: up to 2,010 checks; each selector ending in `p` is checked against 100 of them.
    expect(scopeIsCheaper(document, [])).toBe(true);
    expect(scopeIsCheaper(document, [':root'])).toBe(true);
    // Ten selectors are at most ten checks per element: nothing is counted.
    const counts = vi.spyOn(Element.prototype, 'getElementsByTagName');
    expect(
      scopeIsCheaper(
        document,
        ps.slice(0, 10).map((_, i) => path(i)),
      ),
    ).toBe(true);
    expect(counts).not.toHaveBeenCalled();
    counts.mockRestore();
    expect(
      scopeIsCheaper(
        document,
        ps.slice(0, 20).map((_, i) => path(i)),
      ),
    ).toBe(true);
    expect(
      scopeIsCheaper(
        document,
        ps.slice(0, 21).map((_, i) => path(i)),
      ),
    ).toBe(false);
    expect(scopeIsCheaper(document, [...ps.slice(0, 20).map((_, i) => path(i)), `${path(0)} > em:nth-child(1)`])).toBe(
      false,
    );

    const sheets = recordSheetTexts();
    try {
      const scope = new HighlightScope();
      const style = new HighlightStyle(document, scope);
      scope.add('factcontext-disputed', ps.slice(0, 3));
      style.activate();
      expect(sheets.last()).toContain(`${path(2)}::highlight(factcontext-disputed)`);
      scope.add('factcontext-disputed', ps.slice(3, 30));
      style.update();
      expect(sheets.last()).toBe(highlightSheetText(false, {}));
      // Fewer again: still the plain rules (switching back would restyle the page once more).
      scope.remove('factcontext-disputed', ps.slice(3, 30));
      style.update();
      expect(sheets.last()).toBe(highlightSheetText(false, {}));
      style.remove();
    } finally {
      sheets.restore();
    }
  });

  /**
   * Six sections of 50 paragraphs (307 elements in the body: each section restyles its 51 when first named),
   * with every write of a sheet recorded: `written()` gives each write's selectors for the disputed highlight.
   */
  function sixSectionsWatchingWrites() {
    const section = `<section>${'<p>Text.</p>'.repeat(50)}</section>`;
    document.body.innerHTML = `<main>${section.repeat(6)}</main>`;
    const sections = [...document.querySelectorAll('section')];
    const spy = vi.spyOn(CSSStyleSheet.prototype, 'replaceSync');
    const written = () => spy.mock.calls.map(([text]) => ruleSelectors(String(text), 'factcontext-disputed').flat());
    return { sections, spy, written };
  }

  it('names a share of newly highlighted elements per frame, the rest in the frames after; renamed ones at once', async () => {
    const { sections, spy, written } = sixSectionsWatchingWrites();
    try {
      const scope = new HighlightScope({ inherits: true });
      // Up to 100 elements restyled a frame: one section (a second would make 102).
      const style = new HighlightStyle(document, scope, { newlyRestyledPerFrame: 100 });
      scope.add(
        'factcontext-disputed',
        sections.map((s) => s.querySelector('p')!),
      );
      style.activate();
      expect(written().map((rules) => rules.length)).toEqual([1]);
      // Nothing more within the frame, however often the rules are brought up to date.
      scope.add('factcontext-disputed', [sections[0]!.querySelectorAll('p')[7]!]);
      style.update();
      expect(written().at(-1)).toHaveLength(1);
      for (let i = 0; i < 100 && written().at(-1)!.length < 6; i++) await new Promise((r) => setTimeout(r, 20));
      // One more section each frame, in the page's order, until all six are named.
      expect(written().map((rules) => rules.length)).toEqual([1, 2, 3, 4, 5, 6]);
      const SECTION = (k: number) =>
        `:root > body:nth-child(2) > main:nth-child(1) > section:nth-child(${k})::highlight(factcontext-disputed)`;
      expect(written().at(-1)!.sort()).toEqual([1, 2, 3, 4, 5, 6].map(SECTION).sort());
      // The page puts an element before them: all six are renamed in one write (none is new to the browser).
      const aside = document.createElement('aside');
      document.querySelector('main')!.prepend(aside);
      expect(
        scope.noteChanges([
          {
            type: 'childList',
            target: aside.parentNode,
            addedNodes: [aside],
            removedNodes: [],
          } as unknown as MutationRecord,
        ]),
      ).toBe(true);
      style.update();
      expect(written().at(-1)!.sort()).toEqual([2, 3, 4, 5, 6, 7].map(SECTION).sort());
      style.remove();
    } finally {
      spy.mockRestore();
    }
  });

  it('names a smaller share per frame on a page with many elements', async () => {
    const { sections, spy, written } = sixSectionsWatchingWrites();
    const namedPerWrite = async (largePageElements: number) => {
      spy.mockClear();
      const scope = new HighlightScope({ inherits: true });
      // Two sections a frame, or one on a page of at least `largePageElements` elements.
      const style = new HighlightStyle(document, scope, {
        newlyRestyledPerFrame: 110,
        largePageElements,
        largePageRestyledPerFrame: 60,
      });
      scope.add(
        'factcontext-disputed',
        sections.map((s) => s.querySelector('p')!),
      );
      style.activate();
      for (let i = 0; i < 100 && written().at(-1)!.length < 6; i++) await new Promise((r) => setTimeout(r, 20));
      style.remove();
      return written().map((rules) => rules.length);
    };
    try {
      expect(await namedPerWrite(308)).toEqual([2, 4, 6]);
      expect(await namedPerWrite(307)).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      spy.mockRestore();
    }
  });

  it('with highlight inheritance, names cheaper ancestors, and falls back to plain rules where they restyle too much', () => {
    // 40 sections of 50 paragraphs: 4,041 elements in the body. Naming a paragraph restyles all 2,000;
    // naming its section, the 40 sections and its 101 elements.
    const section = `<section>${'<p>Text <em>here</em>.</p>'.repeat(50)}</section>`;
    document.body.innerHTML = `<main>${section.repeat(40)}</main>`;
    const ps = [...document.querySelectorAll('p')];
    const sheets = recordSheetTexts();
    const rulesOf = (css: string) => ruleSelectors(css, 'factcontext-disputed').flat();
    try {
      const scope = new HighlightScope({ inherits: true });
      const style = new HighlightStyle(document, scope);
      // Three paragraphs of the first section: named through it.
      scope.add('factcontext-disputed', ps.slice(0, 3));
      style.activate();
      const SECTION = (k: number) =>
        `:root > body:nth-child(2) > main:nth-child(1) > section:nth-child(${k})::highlight(factcontext-disputed)`;
      expect(rulesOf(sheets.last())).toEqual([SECTION(1)]);
      scope.add('factcontext-disputed', ps.slice(3, 30));
      scope.add('factcontext-disputed', [ps[50]!]);
      style.update();
      expect(rulesOf(sheets.last()).sort()).toEqual([SECTION(1), SECTION(2)]);
      // Ten sections named restyle 40 + 10 × 101 = 1,050 elements, over a quarter of the page: plain rules.
      scope.add(
        'factcontext-disputed',
        [2, 3, 4, 5, 6, 7, 8, 9].map((k) => ps[k * 50]!),
      );
      style.update();
      expect(sheets.last()).toBe(highlightSheetText(false, {}));
      style.remove();
    } finally {
      sheets.restore();
    }
  });
});

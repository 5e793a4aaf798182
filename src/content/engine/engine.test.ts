// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Match, Matcher } from '../../core/match';
import type { Pack } from '../../core/pack/schema';
import type { Occurrence, PageEngine } from '../types';
import { createPageEngine } from '.';
import { chunkText } from './text-blocks';
import { ruleSelectors, useHighlightApiStandIn } from './test-highlight-api';

useHighlightApiStandIn();

const narrative = (id: string, status: string) =>
  ({ id, evidence: { status, note: 'n' }, title: id }) as unknown as Pack['narratives'][number];
const pack = { narratives: [narrative('tanks', 'disputed'), narrative('annex', 'no-evidence')] } as unknown as Pack;

/**
 * Finds "belarusian tanks" (narrative tanks) and "annex belarus" (narrative annex), case-insensitively.
 * Its sieve finds "belarus", which both phrases hold; the suites run with it and without (every block
 * walked), and must find the same.
 */
const sieved: Matcher = {
  sieve: () => /belarus/gi,
  scan(blocks) {
    const out: Match[] = [];
    blocks.forEach((text, block) => {
      for (const m of text.matchAll(/belarusian\s+tanks|annex\s+belarus/gi)) {
        out.push({
          block,
          start: m.index,
          end: m.index + m[0].length,
          text: m[0],
          narrativeIds: [/tanks/i.test(m[0]) ? 'tanks' : 'annex'],
          lang: 'en',
          pattern: m[0].toLowerCase(),
        });
      }
    });
    return out;
  },
};
const unsieved: Matcher = { scan: sieved.scan, sieve: () => null };

const measures = () => performance.getEntriesByName('factcontext:scan') as PerformanceMeasure[];

async function settle(engine: PageEngine, passes: number): Promise<void> {
  for (let i = 0; i < 200 && measures().length < passes; i++) await new Promise((r) => setTimeout(r, 10));
  expect(engine.running).toBe(true);
}

let engine: PageEngine | null = null;
afterEach(() => {
  engine?.stop();
  engine = null;
  vi.restoreAllMocks();
  performance.clearMeasures();
  document.body.innerHTML = '';
});

/** Puts `html` in the body and `shadowHtml` in an open shadow root of its `#host` element; that root. */
function pageWithShadowHost(html: string, shadowHtml: string): ShadowRoot {
  document.body.innerHTML = html;
  const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
  shadow.innerHTML = shadowHtml;
  return shadow;
}

describe.each([
  ['with a sieve', sieved],
  ['without a sieve', unsieved],
])('page engine %s', (_name, matcher) => {
  it('finds occurrences across inline elements, in document order across a shadow root, and steps through them', async () => {
    const shadow = pageWithShadowHost(
      '<p id="a">Pundits: <a href="#">Belarusian</a> <em>tanks</em> again.</p><div id="host"></div><p id="c">They say Moscow will annex Belarus, and Belarusian tanks too.</p>',
      '<p id="b">In the shadow: annex Belarus.</p>',
    );
    engine = createPageEngine({ doc: document, pack, matcher });
    const changes: number[] = [];
    engine.onChange((s) => changes.push(s.total));
    engine.start();
    await settle(engine, 1);

    const list = engine.occurrences();
    expect(list.map((o) => o.text.replace(/\s+/g, ' '))).toEqual([
      'Belarusian tanks',
      'annex Belarus',
      'annex Belarus',
      'Belarusian tanks',
    ]);
    expect(list[0]!.range.startContainer.textContent).toBe('Belarusian');
    expect(list[0]!.range.endContainer.textContent).toBe('tanks');
    expect((list[1]!.range.startContainer.getRootNode() as ShadowRoot).host.id).toBe('host');
    expect(engine.summary()).toEqual({ total: 4, byNarrative: { tanks: 2, annex: 2 } });
    expect(changes).toEqual([4]);
    const registry = CSS.highlights as unknown as Map<string, Set<AbstractRange>>;
    expect(registry.get('factcontext-disputed')!.size).toBe(2);
    expect(registry.get('factcontext-no-evidence')!.size).toBe(2);

    // Stepping wraps around, and can stay within one narrative.
    expect(engine.step(null, 1)).toBe(list[0]);
    expect(engine.step(null, -1)).toBe(list[3]);
    expect(engine.step(list[3]!, 1)).toBe(list[0]);
    expect(engine.step(list[0]!, -1)).toBe(list[3]);
    expect(engine.step(list[0]!, 1, 'tanks')).toBe(list[3]);
    expect(engine.step(list[3]!, 1, 'tanks')).toBe(list[0]);
    expect(engine.step(list[1]!, -1, 'annex')).toBe(list[2]);
    expect(engine.step(null, 1, 'nothing')).toBeNull();

    const detail = measures()[0]!.detail as { chars: number; matches: number; busyMs: number; incremental: boolean };
    expect(detail.matches).toBe(4);
    expect(detail.incremental).toBe(false);
    expect(detail.chars).toBe(document.body.textContent!.length + shadow.textContent!.length);
  });

  it('gives the page its stylesheet with the first highlight, never before', async () => {
    const shadow = pageWithShadowHost(
      '<p id="one">Nothing to see here.</p><div id="host"></div>',
      '<p id="inner">Nothing in the shadow either.</p>',
    );
    engine = createPageEngine({ doc: document, pack, matcher });
    const sheets = document.adoptedStyleSheets.length;
    engine.setStyleOverrides({ 'factcontext-disputed': 'background-color: rgb(1 2 3);' });
    engine.start();
    await settle(engine, 1);
    // Running, with nothing to highlight: no sheet (it would make the browser restyle the whole page).
    expect(document.adoptedStyleSheets.length).toBe(sheets);
    expect(shadow.adoptedStyleSheets.length).toBe(0);
    shadow.getElementById('inner')!.textContent = 'Belarusian tanks in the shadow.';
    await settle(engine, 2);
    expect(engine.summary().total).toBe(1);
    expect(document.adoptedStyleSheets.length).toBe(sheets + 1);
    expect(shadow.adoptedStyleSheets.length).toBe(1);
    // The phrase goes: the sheet stays (taking it out would restyle the page again), and so does the one
    // in the shadow tree.
    shadow.getElementById('inner')!.textContent = 'Nothing again.';
    await settle(engine, 3);
    expect(engine.summary().total).toBe(0);
    expect(document.adoptedStyleSheets.length).toBe(sheets + 1);
    engine.stop();
    expect(document.adoptedStyleSheets.length).toBe(sheets);
    expect(shadow.adoptedStyleSheets.length).toBe(0);
  });

  it.each([
    ['with highlight inheritance: the paragraph holding the whole phrase', true],
    ['without: the paragraph, the link and the emphasis holding its pieces', false],
  ])(
    'names the highlighted elements in the page’s rules, and follows them when the page moves them (%s)',
    async (_, inherits) => {
      const shadow = pageWithShadowHost(
        '<main><h2>News</h2><p id="one">First: <a href="#">Belarusian</a> <em>tanks</em>.</p><p>Nothing.</p></main><div id="host"></div>',
        '<p>Belarusian tanks in the shadow.</p>',
      );
      engine = createPageEngine({ doc: document, pack, matcher, highlightsInherit: inherits });
      const before = new Set(document.adoptedStyleSheets);
      // The text each sheet was last given (the test DOM's own CSS parser drops `::highlight()` rules).
      const written = new Map<CSSStyleSheet, string>();
      const replaceSync = CSSStyleSheet.prototype.replaceSync;
      vi.spyOn(CSSStyleSheet.prototype, 'replaceSync').mockImplementation(function (this: CSSStyleSheet, text) {
        written.set(this, text);
        replaceSync.call(this, text);
      });
      const ourSheet = () => document.adoptedStyleSheets.find((s) => !before.has(s))!;
      const rules = () => written.get(ourSheet()) ?? '';
      engine.setStyleOverrides({ 'factcontext-disputed': 'background-color: rgb(1, 2, 3);' });
      engine.start();
      await settle(engine, 1);
      expect(engine.summary().total).toBe(2);
      // The phrase's text is in the paragraph (the space), the link and the emphasis. Where the browser gives
      // the paragraph's highlight style to its descendants, the paragraph alone is named; elsewhere each of
      // them is, by its tag and place, in the engine's rule and in the reader's. No rule of ours applies to
      // every element.
      const disputed = (text: string) => ruleSelectors(text, 'factcontext-disputed');
      const P = ':root > body:nth-child(2) > main:nth-child(1) > p:nth-child(2)';
      const pieces = (p: string) => (inherits ? [p] : [p, `${p} > a:nth-child(1)`, `${p} > em:nth-child(2)`]);
      const named = pieces(P)
        .map((s) => `${s}::highlight(factcontext-disputed)`)
        .sort();
      expect(disputed(rules())).toEqual([named, named]);
      expect(rules()).toMatch(/rgb\(1, 2, 3\)/);
      expect(rules()).not.toMatch(/(^|\n|, )::highlight/);
      expect(rules()).not.toContain('no-evidence');
      // The shadow tree gets the plain rules, in a sheet of its own.
      const shadowRules = written.get(shadow.adoptedStyleSheets[0]!) ?? '';
      expect(shadowRules).toMatch(/(^|\n)::highlight\(factcontext-disputed\)/);

      // The page puts an element before the paragraph: the rules follow it before anything else runs (the
      // mutation observer's callback), not after the next pass.
      document.getElementById('one')!.before(document.createElement('aside'));
      await Promise.resolve();
      const moved = ':root > body:nth-child(2) > main:nth-child(1) > p:nth-child(3)';
      expect(disputed(rules())[0]).toEqual(
        pieces(moved)
          .map((s) => `${s}::highlight(factcontext-disputed)`)
          .sort(),
      );
      // The phrase goes: so do its elements' rules.
      document.getElementById('one')!.textContent = 'Gone.';
      await settle(engine, 2);
      expect(engine.summary().total).toBe(1);
      expect(disputed(rules())).toEqual([]);
    },
  );

  it.each([
    ['up to', 1_000, true],
    ['past', 20, false],
  ])(
    'underlines its highlights on a page %s its size limit, from the first one shown',
    async (_, underlineMaxChars, lined) => {
      // 32 characters of text in the document and 14 in a shadow tree, whose sheet follows the document's.
      const shadow = pageWithShadowHost(
        '<p>First: <a href="#">Belarusian</a> <em>tanks</em>.</p><p>Nothing.</p><div id="host"></div>',
        '<p>Annex Belarus!</p>',
      );
      const written: string[] = [];
      const replaceSync = CSSStyleSheet.prototype.replaceSync;
      vi.spyOn(CSSStyleSheet.prototype, 'replaceSync').mockImplementation(function (this: CSSStyleSheet, text) {
        written.push(text);
        replaceSync.call(this, text);
      });
      engine = createPageEngine({ doc: document, pack, matcher, underlineMaxChars });
      engine.start();
      await settle(engine, 1);
      expect(engine.summary().total).toBe(2);
      expect(written.length).toBeGreaterThan(0);
      // Every sheet ever written has the line, or none has: no rule flips after the first highlight.
      for (const text of written) {
        expect(text).toMatch(/factcontext-disputed\) \{ background-color: rgb/);
        if (lined) expect(text).toMatch(/text-decoration: underline wavy/);
        else expect(text).not.toMatch(/text-decoration:|text-decoration-line/);
      }
      expect(written.some((text) => text.includes('factcontext-no-evidence'))).toBe(true);
      expect(shadow.adoptedStyleSheets.length).toBe(1);
    },
  );

  it('started hidden, finds and keeps up with occurrences but shows nothing until started again', async () => {
    const shadow = pageWithShadowHost(
      '<p id="one">First: Belarusian tanks.</p><p id="two">Nothing here.</p><div id="host"></div>',
      '<p>In the shadow: nothing.</p>',
    );
    engine = createPageEngine({ doc: document, pack, matcher });
    const changes: number[] = [];
    engine.onChange((s) => changes.push(s.total));
    const registry = CSS.highlights as unknown as Map<string, Set<AbstractRange>>;
    const ours = () => [...registry.keys()].filter((k) => k.startsWith('factcontext'));
    const sheets = document.adoptedStyleSheets.length;
    engine.start({ hidden: true });
    expect([engine.running, engine.hidden]).toEqual([true, true]);
    await settle(engine, 1);
    document.getElementById('two')!.textContent = 'Now: annex Belarus.';
    await settle(engine, 2);
    expect(ours()).toEqual([]);
    expect(changes).toEqual([]);
    expect(document.adoptedStyleSheets.length).toBe(sheets);
    expect(shadow.adoptedStyleSheets.length).toBe(0);
    expect(engine.step(null, 1)).toBeNull();

    engine.start();
    expect(engine.hidden).toBe(false);
    expect(shadow.adoptedStyleSheets.length).toBe(1);
    expect(document.adoptedStyleSheets.length).toBe(sheets + 1);
    expect(ours().sort()).toEqual(['factcontext-disputed', 'factcontext-no-evidence']);
    expect(changes).toEqual([2]);
    expect(engine.step(null, 1)!.text).toBe('Belarusian tanks');

    // Stopped while hidden (the site is off): nothing was ever shown, nobody is told.
    engine.stop();
    changes.length = 0;
    engine.start({ hidden: true });
    await settle(engine, 3);
    engine.stop();
    expect(ours()).toEqual([]);
    expect(changes).toEqual([]);
  });

  it('finds everything again in a second engine made for the same document after the first one stopped', async () => {
    document.body.innerHTML = '<p>First: Belarusian tanks.</p><p>Second: annex Belarus.</p>';
    const first = createPageEngine({ doc: document, pack, matcher });
    first.start({ hidden: true });
    await settle(first, 1);
    expect(first.summary().total).toBe(2);
    first.stop();
    engine = createPageEngine({ doc: document, pack, matcher });
    engine.start();
    await settle(engine, 2);
    expect(engine.summary().total).toBe(2);
  });

  it('rescans only changed blocks, drops stale occurrences, and continues stepping from a stale one', async () => {
    document.body.innerHTML =
      '<p id="one">First: Belarusian tanks.</p><p id="two">Second: annex Belarus.</p><p id="three">Third: Belarusian tanks.</p>';
    engine = createPageEngine({ doc: document, pack, matcher });
    engine.start();
    await settle(engine, 1);
    const [first, second, third] = engine.occurrences();
    expect(engine.occurrences()).toHaveLength(3);

    // Change the middle paragraph's text: its occurrence goes, the others stay the same objects.
    document.getElementById('two')!.firstChild!.textContent = 'Second: nothing here.';
    await settle(engine, 2);
    const after = engine.occurrences();
    expect(after).toEqual([first, third]);
    const detail = measures()[1]!.detail as { chars: number; incremental: boolean };
    expect(detail.incremental).toBe(true);
    expect(detail.chars).toBe('Second: nothing here.'.length);
    // Stepping from the removed occurrence continues in document order.
    expect(engine.step(second!, 1)).toBe(third);
    expect(engine.step(second!, -1)).toBe(first);

    // A removed paragraph takes its occurrence with it; appended text is picked up.
    document.getElementById('one')!.remove();
    const p = document.createElement('p');
    p.innerHTML = 'Later: <b>annex</b> Belarus.';
    document.body.append(p);
    await settle(engine, 3);
    expect(engine.occurrences().map((o) => o.text)).toEqual(['Belarusian tanks', 'annex Belarus']);
    expect(engine.occurrences()[0]).toBe(third);

    engine.stop();
    const registry = CSS.highlights as unknown as Map<string, Set<AbstractRange>>;
    expect([...registry.keys()].filter((k) => k.startsWith('factcontext'))).toEqual([]);
    expect(engine.occurrences()).toEqual([]);
  });

  it('puts back highlights the page deleted on its next pass, and never touches the page’s own', async () => {
    document.body.innerHTML = '<p>Belarusian tanks.</p><p>Other.</p>';
    const registry = CSS.highlights as unknown as Map<string, unknown>;
    const own = new Highlight();
    registry.set('page-own', own);
    engine = createPageEngine({ doc: document, pack, matcher });
    engine.start();
    await settle(engine, 1);
    registry.delete('factcontext-disputed');
    // Any change triggers a pass, which restores our entry.
    document.body.lastElementChild!.textContent = 'Changed.';
    await settle(engine, 2);
    expect(registry.has('factcontext-disputed')).toBe(true);
    engine.stop();
    expect(registry.get('page-own')).toBe(own);
    registry.delete('page-own');
  });

  it('ignores text in skipped subtrees', async () => {
    document.body.innerHTML =
      '<textarea>Belarusian tanks</textarea><div contenteditable="true">annex Belarus</div><script>/* annex Belarus */</script><p>plain</p>';
    engine = createPageEngine({ doc: document, pack, matcher });
    engine.start();
    await settle(engine, 1);
    expect(engine.occurrences() as Occurrence[]).toEqual([]);
  });
});

describe.each([
  ['with a sieve', sieved],
  ['without a sieve', unsieved],
])('page engine on removals %s', (_name, matcher) => {
  it('drops the occurrences of a removed block without rescanning anything', async () => {
    document.body.innerHTML =
      '<div id="feed"><article><p>Belarusian tanks.</p></article><article><p>annex Belarus</p></article></div>';
    engine = createPageEngine({ doc: document, pack, matcher });
    const totals: number[] = [];
    engine.onChange((s) => totals.push(s.total));
    engine.start();
    await settle(engine, 1);
    expect(engine.occurrences()).toHaveLength(2);
    document.querySelector('article')!.remove();
    for (let i = 0; i < 100 && totals[totals.length - 1] !== 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(engine.occurrences().map((o) => o.text)).toEqual(['annex Belarus']);
    expect(totals).toEqual([2, 1]);
    // No pass was needed for that.
    expect(measures()).toHaveLength(1);
  });
});

describe('page engine with a sieve', () => {
  const filler = (n: number) => 'the weather was mild and the park filled up with families '.repeat(n);

  it('walks and matches only the blocks around the places the sieve finds', async () => {
    const paragraphs = Array.from({ length: 200 }, (_, i) =>
      i === 150 ? '<p>Officials saw <b>Belarusian</b> tanks.</p>' : `<p>${filler(2)}</p>`,
    );
    document.body.innerHTML = `<main>${paragraphs.join('')}</main>`;
    for (const [matcher, sieveOn] of [
      [sieved, true],
      [unsieved, false],
    ] as const) {
      performance.clearMeasures();
      engine = createPageEngine({ doc: document, pack, matcher });
      engine.start();
      await settle(engine, 1);
      expect(engine.occurrences().map((o) => o.text)).toEqual(['Belarusian tanks']);
      const detail = measures()[0]!.detail as { chars: number; matchedChars: number };
      const total = document.body.textContent!.length;
      expect(detail.chars).toBe(total);
      // With the sieve, one paragraph is handed to the matcher; without it, every one.
      if (sieveOn) expect(detail.matchedChars).toBe('Officials saw Belarusian tanks.'.length);
      else expect(detail.matchedChars).toBe(total);
      engine.stop();
    }
  });

  it('finds a place running past the end of a window, and one starting a window, once each', async () => {
    // The sieve reads 65,536 characters at a time, and a little past the end of each.
    document.body.innerHTML =
      `<p>${filler(1_200).slice(0, 65_530)}</p><p>Belarusian <i>tanks</i></p>` +
      `<p>${filler(1_200).slice(0, 65_520)}</p><p>annex Belarus</p><p>${filler(10)}</p>`;
    const text = document.body.textContent!;
    expect(text.indexOf('Belarus')).toBe(65_530);
    expect(text.indexOf('Belarus', 65_540)).toBe(131_072);
    engine = createPageEngine({ doc: document, pack, matcher: sieved });
    engine.start();
    await settle(engine, 1);
    expect(engine.occurrences().map((o) => o.text)).toEqual(['Belarusian tanks', 'annex Belarus']);
    const detail = measures()[0]!.detail as { matchedChars: number };
    expect(detail.matchedChars).toBe('Belarusian tanks'.length + 'annex Belarus'.length);
  });

  it('reads the page again when it changes between reading its text and locating the places', async () => {
    document.body.innerHTML =
      Array.from({ length: 300 }, () => `<p>${filler(2)}</p>`).join('') +
      '<p>Officials saw <b>Belarusian</b> tanks.</p>';
    // Every look at the clock takes 5 ms, so a slice ends after a step or two and the page runs between.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 5));
    try {
      const sieve = /belarus/gi;
      let changed = false;
      // The page puts a long paragraph in front while the sieve reads: every place moves by 5,000.
      sieve.exec = (text: string) => {
        if (!changed) {
          changed = true;
          const p = document.createElement('p');
          p.textContent = 'x'.repeat(5_000);
          document.body.prepend(p);
        }
        return RegExp.prototype.exec.call(sieve, text);
      };
      engine = createPageEngine({ doc: document, pack, matcher: { scan: sieved.scan, sieve: () => sieve } });
      engine.start();
      await settle(engine, 1);
      expect(changed).toBe(true);
      expect(engine.occurrences().map((o) => o.text)).toEqual(['Belarusian tanks']);
    } finally {
      clock.mockRestore();
    }
  });

  it('matches a long block only around the sieve’s places, and finds the same as without a sieve', async () => {
    // One text node of 200,000 characters, matched in chunks of about 16,384. One phrase near the start;
    // one across the boundary of two chunks' own parts; one that starts in a chunk's own part while its
    // place ("Belarus") lies in the next one's, so the chunk it starts in holds its place only in the
    // characters it carries past its own part (a sieve of the own part alone would lose it).
    const body = filler(3_500).slice(0, 200_000);
    const [cut1, cut2] = [3, 7].map((i) => chunkText(body, 16_384)[i]!.coreEnd) as [number, number];
    // Written over the filler, so that no whitespace comes or goes before a cut and the cuts stay put.
    const put = (text: string, at: number, words: string) => text.slice(0, at) + words + text.slice(at + words.length);
    let text = put(body, 900, 'Belarusian tanks ');
    text = put(text, cut1 - 'Belarusian'.length, 'Belarusian tanks ');
    text = put(text, cut2 - 'annex'.length, 'annex Belarus ');
    expect(text).toHaveLength(body.length);
    expect(chunkText(text, 16_384).map((c) => c.coreEnd)).toEqual(chunkText(body, 16_384).map((c) => c.coreEnd));
    expect(text.slice(cut2 + 1, cut2 + 8)).toBe('Belarus');
    const found: Record<string, string[]> = {};
    for (const [name, matcher, nodes] of [
      ['one node', sieved, 1],
      // A block of several text nodes: the finder keeps no places for it, each chunk is sieved again.
      ['two nodes', sieved, 2],
      ['unsieved', unsieved, 1],
    ] as const) {
      document.body.innerHTML = '<p id="long"></p>';
      const p = document.getElementById('long')!;
      if (nodes === 1) p.append(text);
      else p.append(text.slice(0, 500), text.slice(500));
      performance.clearMeasures();
      engine = createPageEngine({ doc: document, pack, matcher });
      engine.start();
      await settle(engine, 1);
      const offsetIn = (node: Node, offset: number) => (node === p.firstChild ? 0 : 500) + offset;
      found[name] = engine
        .occurrences()
        .map((o) => `${o.text}@${offsetIn(o.range.startContainer, o.range.startOffset)}`);
      const detail = measures()[0]!.detail as { matchedChars: number; sievedChars: number; skippedChars: number };
      if (name === 'unsieved') {
        expect(detail.matchedChars).toBeGreaterThanOrEqual(text.length);
        expect(detail.skippedChars).toBe(0);
      } else {
        // Only the parts around the three phrases are matched, a few hundred characters each.
        expect(detail.matchedChars).toBeLessThan(3 * 1_100);
        expect(detail.skippedChars).toBeGreaterThan(text.length - 3 * 1_100);
        // One node's places come from the finder's reading of the page; two nodes' block is sieved again.
        if (nodes === 1) expect(detail.sievedChars).toBe(0);
        else expect(detail.sievedChars).toBeGreaterThanOrEqual(text.length);
      }
      engine.stop();
      engine = null;
    }
    expect(found['one node']).toEqual([
      `Belarusian tanks@900`,
      `Belarusian tanks@${cut1 - 10}`,
      `annex Belarus@${cut2 - 5}`,
    ]);
    expect(found['two nodes']).toEqual(found['one node']);
    expect(found.unsieved).toEqual(found['one node']);
  });

  it('finds every phrase of a long node whose places are located over several slices', async () => {
    // Phrases near the start and near the end of one 200,000-character node: the places after the wide gap
    // are located backwards, in a later slice than the first ones, and the block may be walked in between.
    let text = filler(3_500).slice(0, 200_000);
    const put = (at: number, words: string) => (text = text.slice(0, at) + words + text.slice(at + words.length));
    put(1_000, ' Belarusian tanks ');
    put(195_000, ' annex Belarus ');
    put(199_000, ' Belarusian tanks ');
    document.body.innerHTML = '<p id="long"></p>';
    document.getElementById('long')!.append(text);
    // Every look at the clock takes 5 ms, so each step of the pass is a slice of its own.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 5));
    try {
      engine = createPageEngine({ doc: document, pack, matcher: sieved });
      engine.start();
      await settle(engine, 1);
      expect(engine.occurrences().map((o) => `${o.text}@${o.range.startOffset}`)).toEqual([
        'Belarusian tanks@1001',
        'annex Belarus@195001',
        'Belarusian tanks@199001',
      ]);
      const detail = measures()[0]!.detail as { slices: number; sievedChars: number };
      expect(detail.slices).toBeGreaterThan(5);
      // The block waited for its places: it was not sieved again.
      expect(detail.sievedChars).toBe(0);
    } finally {
      clock.mockRestore();
    }
  });

  it('walks a subtree whole where places are dense, and finds the same', async () => {
    // Forty places in 3,000 characters: every paragraph is matched, those without a place too.
    document.body.innerHTML = Array.from({ length: 80 }, (_, i) =>
      i % 2 ? `<p>${filler(1)}</p>` : i % 4 ? `<p>Belarusian <em>tanks</em> ${i}</p>` : `<p>annex Belarus ${i}</p>`,
    ).join('');
    engine = createPageEngine({ doc: document, pack, matcher: sieved });
    engine.start();
    await settle(engine, 1);
    expect(engine.occurrences()).toHaveLength(40);
    const detail = measures()[0]!.detail as { matchedChars: number };
    expect(detail.matchedChars).toBe(document.body.textContent!.length);
  });
});

describe('page engine with its matcher on demand', () => {
  /** A matcher on demand that gives `sieved` and its pack, after a storage-like wait; the calls it got. */
  function onDemand(fail = false) {
    const load = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error('storage is gone');
      return { pack, matcher: sieved };
    });
    return { load, source: { onDemand: { sieve: /belarus/gi, load } } };
  }

  it('never loads the matcher on a page where the sieve finds no place', async () => {
    document.body.innerHTML = '<p>Weather: rain in Minsk.</p><p>Markets: <b>steady</b>.</p>';
    const m = onDemand();
    engine = createPageEngine({ doc: document, ...m.source });
    engine.start();
    await settle(engine, 1);
    expect(engine.summary().total).toBe(0);
    expect(m.load).not.toHaveBeenCalled();
    const detail = measures()[0]!.detail as { chars: number; matchedChars: number };
    expect(detail.chars).toBeGreaterThan(20);
    expect(detail.matchedChars).toBe(0);
  });

  it('loads it once the sieve finds a place, and finds what the loaded matcher finds, across later passes', async () => {
    const html =
      '<p>Pundits: <a href="#">Belarusian</a> <em>tanks</em> again.</p><p>Nothing.</p><p>They say Moscow will annex Belarus.</p>';
    document.body.innerHTML = html;
    const direct = createPageEngine({ doc: document, pack, matcher: sieved });
    direct.start();
    await settle(direct, 1);
    const expected = direct.occurrences().map((o) => [o.text, o.narratives[0]!.id]);
    direct.stop();
    performance.clearMeasures();
    expect(expected).toHaveLength(2);

    document.body.innerHTML = html;
    const m = onDemand();
    engine = createPageEngine({ doc: document, ...m.source });
    engine.start();
    await settle(engine, 1);
    expect(engine.occurrences().map((o) => [o.text, o.narratives[0]!.id])).toEqual(expected);
    const p = document.createElement('p');
    p.textContent = 'Later: Belarusian tanks.';
    document.body.append(p);
    await settle(engine, 2);
    expect(engine.summary().total).toBe(3);
    expect(m.load).toHaveBeenCalledTimes(1);
  });

  it('loads it when text with a place arrives after a pass without one', async () => {
    document.body.innerHTML = '<p>Sport: a draw.</p>';
    const m = onDemand();
    engine = createPageEngine({ doc: document, ...m.source });
    engine.start();
    await settle(engine, 1);
    expect(m.load).not.toHaveBeenCalled();
    const p = document.createElement('p');
    p.innerHTML = 'Then: <b>annex</b> Belarus.';
    document.body.append(p);
    await settle(engine, 2);
    expect(engine.occurrences().map((o) => o.text)).toEqual(['annex Belarus']);
    expect(m.load).toHaveBeenCalledTimes(1);
  });

  it('matches in a task of its own after the one that brought the matcher in', async () => {
    document.body.innerHTML = '<p>Belarusian tanks.</p>';
    let arrive: (value: { pack: Pack; matcher: Matcher }) => void = () => {};
    const scan = vi.fn(sieved.scan);
    const load = vi.fn(() => new Promise<{ pack: Pack; matcher: Matcher }>((r) => (arrive = r)));
    engine = createPageEngine({ doc: document, onDemand: { sieve: /belarus/gi, load } });
    engine.start();
    await vi.waitFor(() => expect(load).toHaveBeenCalled());
    arrive({ pack, matcher: { ...sieved, scan } });
    // Every microtask of the arrival's task: the pass resumes there, but does not match yet.
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(scan).not.toHaveBeenCalled();
    await settle(engine, 1);
    expect(scan).toHaveBeenCalled();
    expect(engine.summary().total).toBe(1);
  });

  it('waits for the part of the matcher a batch needs, matches that batch once it is in, and reads the pack then', async () => {
    document.body.innerHTML = '<p>Belarusian tanks.</p><p>Later: annex Belarus.</p>';
    let release = () => {};
    const arrived = new Promise<void>((r) => (release = r));
    let bodyIn = false;
    const scanned: string[][] = [];
    const matcher: Matcher = {
      sieve: sieved.sieve,
      pending: (blocks) => (bodyIn || !blocks.some((b) => /belarus/i.test(b)) ? null : arrived),
      scan(blocks) {
        if (!bodyIn && blocks.some((b) => /belarus/i.test(b))) throw new Error('scanned before the body');
        scanned.push([...blocks]);
        return sieved.scan(blocks);
      },
    };
    let packRead = 0;
    const loaded = {
      matcher,
      get pack() {
        packRead++;
        if (!bodyIn) throw new Error('the pack is read before the body is in');
        return pack;
      },
    };
    engine = createPageEngine({ doc: document, onDemand: { sieve: /belarus/gi, load: async () => loaded } });
    engine.start();
    await new Promise((r) => setTimeout(r, 30));
    // The pass waits: nothing scanned, nothing highlighted, and no measure yet.
    expect(scanned).toEqual([]);
    expect(engine.summary().total).toBe(0);
    expect(measures()).toHaveLength(0);
    bodyIn = true;
    release();
    await settle(engine, 1);
    expect(engine.occurrences().map((o) => o.text)).toEqual(['Belarusian tanks', 'annex Belarus']);
    expect(scanned.flat().join(' ')).toMatch(/Belarusian tanks.*annex Belarus/);
    expect(packRead).toBe(1);
  });

  it('reports a matcher that cannot be loaded once, highlights nothing, and keeps running', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    document.body.innerHTML = '<p>Belarusian tanks.</p>';
    const m = onDemand(true);
    engine = createPageEngine({ doc: document, ...m.source });
    engine.start();
    await settle(engine, 1);
    const p = document.createElement('p');
    p.textContent = 'Annex Belarus.';
    document.body.append(p);
    await settle(engine, 2);
    expect(engine.summary().total).toBe(0);
    expect(m.load).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toMatch(/the pack could not be loaded/);
  });
});

describe('page engine: the first highlights', () => {
  // Six blocks, each matched in its own slice (the matcher takes longer than a slice per call); the first
  // holds the only phrase.
  const text = 'Nothing to see in this paragraph at all. '.repeat(80);
  const sixBlocks = () =>
    `<p>Belarusian tanks. ${text}</p>` + Array.from({ length: 5 }, () => `<p>${text}</p>`).join('');
  let calls = 0;
  const slow: Matcher = {
    sieve: () => null,
    scan(blocks) {
      calls++;
      const until = performance.now() + 10;
      while (performance.now() < until) {
        // a cold matcher's first batches
      }
      return unsieved.scan(blocks);
    },
  };
  const registry = () => CSS.highlights as unknown as Map<string, Set<AbstractRange>>;
  // Polled often: the hidden pass must be caught between two of its slices.
  const until = (ok: () => boolean) => vi.waitFor(() => expect(ok()).toBe(true), { interval: 2, timeout: 1_000 });
  let frames: FrameRequestCallback[] = [];
  let raf: ReturnType<typeof vi.spyOn> | null = null;
  beforeEach(() => {
    calls = 0;
    frames = [];
    raf = vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => {
      frames.push(cb);
      return frames.length;
    });
  });
  afterEach(() => raf?.mockRestore());
  /** The pass is not done, and goes no further until the frame comes; then it finishes. */
  const expectPassWaitsForFrame = async () => {
    const seen = calls;
    expect(seen).toBeLessThan(6);
    // No frame yet: the pass waits (up to 50 ms where frames never come, as in a hidden tab).
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(seen);
    for (const cb of frames.splice(0)) cb(performance.now());
    await settle(engine!, 1);
    expect(calls).toBe(6);
  };

  it('are painted before the rest of the pass runs: the pass waits for a frame once they are registered', async () => {
    document.body.innerHTML = sixBlocks();
    engine = createPageEngine({ doc: document, pack, matcher: slow });
    engine.start();
    await until(() => registry().get('factcontext-disputed')?.size === 1);
    await expectPassWaitsForFrame();
    expect(engine.occurrences()).toHaveLength(1);
  });

  describe('a hidden start on a page the browser has painted or not', () => {
    let painted: boolean;
    const realObserver = Object.getOwnPropertyDescriptor(window, 'PerformanceObserver');
    beforeEach(() => {
      // A browser with paint timing, whose page has or has not been painted yet.
      Object.defineProperty(window, 'PerformanceObserver', {
        value: { supportedEntryTypes: ['mark', 'measure', 'paint'] },
        configurable: true,
        writable: true,
      });
      const entries = performance.getEntriesByType.bind(performance);
      vi.spyOn(performance, 'getEntriesByType').mockImplementation((type: string) =>
        type === 'paint' ? (painted ? [{ name: 'first-paint' } as PerformanceEntry] : []) : entries(type),
      );
    });
    afterEach(() => {
      vi.mocked(performance.getEntriesByType).mockRestore();
      if (realObserver) Object.defineProperty(window, 'PerformanceObserver', realObserver);
      else delete (window as { PerformanceObserver?: unknown }).PerformanceObserver;
    });

    it("not yet painted: the first slice waits for the page's first frame", async () => {
      painted = false;
      document.body.innerHTML = sixBlocks();
      engine = createPageEngine({ doc: document, pack, matcher: slow });
      engine.start({ hidden: true });
      await new Promise((r) => setTimeout(r, 5));
      expect(calls).toBe(0);
      expect(frames.length).toBeGreaterThan(0);
      for (const cb of frames.splice(0)) cb(performance.now());
      await until(() => calls >= 1);
    });

    it('painted: the first slice runs in a task of its own, without waiting for a frame', async () => {
      painted = true;
      document.body.innerHTML = sixBlocks();
      engine = createPageEngine({ doc: document, pack, matcher: slow });
      engine.start({ hidden: true });
      expect(calls).toBe(0);
      await until(() => calls >= 1);
      expect(frames).toEqual([]);
    });
  });

  it('found while hidden and shown between two slices, are painted before the next slice', async () => {
    document.body.innerHTML = sixBlocks();
    engine = createPageEngine({ doc: document, pack, matcher: slow });
    engine.start({ hidden: true });
    await until(() => calls >= 1);
    expect(registry().get('factcontext-disputed')?.size ?? 0).toBe(0);
    // The site's setting arrives while the pass waits between its slices: no slice runs before the frame.
    engine.start();
    expect(registry().get('factcontext-disputed')?.size).toBe(1);
    await expectPassWaitsForFrame();
  });
});

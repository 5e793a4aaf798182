// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BlockWalker, chunkText, collectBlocks, locateOffset, placeWindows, rangeFor } from './text-blocks';

function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

const texts = (root: Node) => collectBlocks(root).map((b) => b.text);

describe('block model', () => {
  it('joins text across inline elements into one block', () => {
    const root = body('<p>Pundits say <a href="#">Belarusian</a> <em>tanks</em> will roll.</p>');
    expect(texts(root)).toEqual(['Pundits say Belarusian tanks will roll.']);
  });

  it('splits at block elements, <br> and skipped elements', () => {
    const root = body(
      '<div>before <p>inside</p> after</div><p>one<br>two</p><p>x <code>code()</code> y</p><li>item</li>',
    );
    expect(texts(root)).toEqual(['before ', 'inside', ' after', 'one', 'two', 'x ', ' y', 'item']);
  });

  it('skips scripts, forms, contenteditable, [hidden] and our UI host', () => {
    const root = body(
      '<p>keep</p><script>var s = "no";</script><style>.x{}</style><textarea>typed</textarea>' +
        '<div contenteditable="true"><p>editable</p></div><div contenteditable="false">fixed</div>' +
        '<div hidden>hidden text</div><factcontext-ui>ui</factcontext-ui><div data-factcontext-ui>ui2</div>' +
        '<select><option>opt</option></select><pre>pre</pre>',
    );
    expect(texts(root)).toEqual(['keep', 'fixed']);
  });

  it('skips by attribute whatever the case or nesting, in shadow roots too', () => {
    const root = body(
      '<p>a <span hidden>no</span>b</p><div contenteditable="FALSE">kept</div><div contenteditable="">gone</div>' +
        '<div contenteditable="plaintext-only"><b>gone too</b></div><p><em>x <span hidden><b>deep</b></span> y</em></p>' +
        '<div id="host"></div>',
    );
    const shadow = root.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>shadow <i hidden>hidden</i>text</p><p contenteditable>edit</p>';
    // Skipped elements end a run, as block elements do.
    expect(texts(root)).toEqual(['a ', 'b', 'kept', 'x ', ' y', 'shadow ', 'text']);
  });

  it('walks open shadow roots at the host position', () => {
    const root = body('<p>first</p><div id="host"></div><p>last</p>');
    const host = root.querySelector('#host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>in <b>shadow</b></p>';
    const seen: ShadowRoot[] = [];
    const blocks: string[] = [];
    new BlockWalker(
      [root],
      (b) => blocks.push(b.text),
      (s) => seen.push(s),
    ).run(() => false);
    expect(blocks).toEqual(['first', 'in shadow', 'last']);
    expect(seen).toEqual([shadow]);
  });

  it('reads only its own blocks from a shallow root, and leaves shadow trees to the caller when told', () => {
    const root = body(
      '<div id="owner">lead <b>bold <i hidden>hidden</i></b><p>inner <em>para</em></p>tail<br>after ' +
        '<span id="host">light</span></div>',
    );
    root.querySelector('#host')!.attachShadow({ mode: 'open' }).innerHTML = '<p>shadow</p>';
    const owner = root.querySelector('#owner')!;
    const blocks: string[] = [];
    const seen: ShadowRoot[] = [];
    const walker = new BlockWalker(
      [],
      (b) => blocks.push(b.text),
      (s) => seen.push(s),
      false,
    );
    expect(walker.done).toBe(true);
    walker.addRoots([owner], true);
    walker.run(() => false);
    // The <p> is another block's owner; the host splits the run and its shadow tree is not walked.
    expect(blocks).toEqual(['lead bold ', 'tail', 'after ', 'light']);
    expect(seen).toEqual([]);
    blocks.length = 0;
    walker.addRoots([owner], false);
    walker.run(() => false);
    expect(blocks).toEqual(['lead bold ', 'inner para', 'tail', 'after ', 'light']);
  });

  it('resumes exactly where it yielded', () => {
    const html = Array.from({ length: 300 }, (_, i) => `<p>para <i>${i}</i> end</p>`).join('');
    const root = body(html);
    const all = texts(root);
    const resumed: string[] = [];
    const walker = new BlockWalker([root], (b) => resumed.push(b.text));
    let calls = 0;
    while (!walker.run(() => ++calls % 2 === 0));
    expect(resumed).toEqual(all);
    expect(walker.nodes).toBe(900);
  });
});

describe('range mapping', () => {
  it('maps block offsets to exact DOM ranges across nodes', () => {
    const root = body('<p>Pundits say <a href="#">Belarusian</a> <em>tanks</em> will roll.</p>');
    const [block] = collectBlocks(root);
    const start = block!.text.indexOf('Belarusian');
    const end = block!.text.indexOf(' will');
    const range = rangeFor(block!, start, end);
    expect(range.toString()).toBe('Belarusian tanks');
    expect(range.startContainer.textContent).toBe('Belarusian');
    expect(range.startOffset).toBe(0);
    expect(range.endContainer.textContent).toBe('tanks');
    expect(range.endOffset).toBe(5);
  });

  it('picks the later node at a start boundary and the earlier one at an end boundary', () => {
    const starts = [0, 5, 5, 9];
    expect(locateOffset(starts, 5, true)).toBe(2);
    expect(locateOffset(starts, 5, false)).toBe(0);
    expect(locateOffset(starts, 0, true)).toBe(0);
    expect(locateOffset(starts, 12, false)).toBe(3);
  });
});

describe('chunking long text', () => {
  it('keeps short text whole', () => {
    expect(chunkText('short text', 100)).toEqual([{ start: 0, end: 10, coreStart: 0, coreEnd: 10 }]);
  });

  it('tiles the text with cores cut at whitespace and context around them', () => {
    const words = Array.from({ length: 5_000 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkText(words, 1_000, 100);
    expect(chunks.length).toBeGreaterThan(30);
    expect(chunks[0]!.coreStart).toBe(0);
    expect(chunks[chunks.length - 1]!.coreEnd).toBe(words.length);
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i]!;
      if (i > 0) {
        expect(c.coreStart).toBe(chunks[i - 1]!.coreEnd);
        expect(words[c.coreStart]).toBe(' ');
      }
      expect(c.start).toBeLessThanOrEqual(c.coreStart);
      expect(c.end).toBeGreaterThanOrEqual(c.coreEnd);
      expect(c.coreEnd - c.coreStart).toBeLessThan(1_200);
      if (c.end < words.length) expect(c.end - c.coreEnd).toBeGreaterThanOrEqual(100);
    }
  });

  it('finds every phrase exactly once when matches are kept by their chunk core', () => {
    const phrase = 'Belarusian tanks';
    const parts: string[] = [];
    for (let i = 0; i < 2_000; i++) parts.push(i % 37 === 0 ? phrase : `filler${i}`);
    const text = parts.join(' ');
    const expected = [...text.matchAll(/Belarusian tanks/g)].map((m) => m.index);
    const found: number[] = [];
    for (const c of chunkText(text, 512, 64)) {
      const piece = text.slice(c.start, c.end);
      for (const m of piece.matchAll(/Belarusian tanks/g)) {
        const abs = c.start + m.index;
        if (abs >= c.coreStart && abs < c.coreEnd) found.push(abs);
      }
    }
    expect(found).toEqual(expected);
  });

  it('cuts text without whitespace at the size limit, never inside a surrogate pair', () => {
    const text = '😀'.repeat(1_000);
    const chunks = chunkText(text, 301, 10);
    for (const c of chunks) {
      const code = text.charCodeAt(c.coreStart);
      expect(code >= 0xdc00 && code <= 0xdfff).toBe(false);
    }
    expect(chunks[chunks.length - 1]!.coreEnd).toBe(text.length);
  });
});

describe('the parts of a chunk around its places', () => {
  it('has none without a place', () => {
    expect(placeWindows('a text with nothing in it', [])).toEqual([]);
  });

  it('takes the reach on each side of a place, widened to whitespace, and keeps every word whole', () => {
    const words = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    const place = words.indexOf('w200');
    const [part, ...rest] = placeWindows(words, [place], 50);
    expect(rest).toEqual([]);
    expect(part!.start).toBeLessThanOrEqual(place - 50);
    expect(part!.end).toBeGreaterThanOrEqual(place + 50);
    expect(part!.end - part!.start).toBeLessThan(120);
    expect(words[part!.start]).toBe(' ');
    expect(words[part!.end]).toBe(' ');
  });

  it('merges parts that meet and keeps apart those that do not, in order', () => {
    const text = 'x '.repeat(2_000);
    const parts = placeWindows(text, [100, 300, 2_000, 3_990], 128);
    expect(parts).toHaveLength(3);
    expect(parts[0]!.start).toBe(0);
    expect(parts[0]!.end).toBeGreaterThanOrEqual(300 + 128);
    expect(parts[1]!.start).toBeLessThanOrEqual(2_000 - 128);
    expect(parts[1]!.start).toBeGreaterThan(parts[0]!.end);
    expect(parts[2]!.end).toBe(text.length);
  });

  it('cuts text without whitespace at the reach', () => {
    const text = 'y'.repeat(10_000);
    expect(placeWindows(text, [5_000], 100)).toEqual([{ start: 4_900, end: 5_100 }]);
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { rawTextCuts, SieveFinder, splitAtWidestGap, textBetween } from './sieve-finder';

const filler = (i: number) => `paragraph ${i} about the weather and the park`;

/** Runs a finder to the end, yielding whenever `yieldEvery` says so (a slice boundary), calling `between` then. */
function runFinder(
  finder: SieveFinder,
  options: { yieldEvery?: number; between?: (step: number) => void } = {},
): number {
  let calls = 0;
  let step = 0;
  const shouldYield = () => options.yieldEvery !== undefined && ++calls % options.yieldEvery === 0;
  while (!finder.run(shouldYield)) {
    step++;
    options.between?.(step);
  }
  return step;
}

/** 600 paragraphs of filler, then `<p id="target">Belarus</p>`. */
const pageEndingWithTarget = () => {
  document.body.innerHTML =
    Array.from({ length: 600 }, (_, i) => `<p>${filler(i)}</p>`).join('') + '<p id="target">Belarus</p>';
};

/** The page puts a paragraph of 5,000 characters first in `parent`, moving every offset after it. */
function prependLongParagraph(finder: SieveFinder, parent: Element): void {
  const p = document.createElement('p');
  p.textContent = 'x'.repeat(5_000);
  parent.prepend(p);
  finder.noteChange(parent);
}

const ownerIds = (finder: SieveFinder) => finder.owners.map((n) => (n as Element).id);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('splitAtWidestGap', () => {
  it('walks forwards only when the text after the last place is the widest gap', () => {
    expect(splitAtWidestGap([10, 20, 30], 1_000)).toBe(3);
  });
  it('splits at the widest gap between places', () => {
    expect(splitAtWidestGap([10, 20, 900, 950], 1_000)).toBe(2);
    expect(splitAtWidestGap([5, 900], 1_000)).toBe(1);
  });
  it('walks backwards only when the text before the first place is the widest stretch', () => {
    expect(splitAtWidestGap([990], 1_000)).toBe(0);
    expect(splitAtWidestGap([700, 980], 1_000)).toBe(0);
    expect(splitAtWidestGap([300], 1_000)).toBe(1);
  });
});

describe('SieveFinder', () => {
  it('tells of places as soon as the sieve finds them, before it locates them, and never on a page without one', () => {
    pageEndingWithTarget();
    const told: number[] = [];
    const finder: SieveFinder = new SieveFinder(
      [document.body],
      /belarus/gi,
      () => {},
      {},
      () => told.push(finder.owners.length),
    );
    runFinder(finder, { yieldEvery: 1 });
    // Told once (one window of text, one place), when no owner had been located yet.
    expect(told).toEqual([0]);
    expect(ownerIds(finder)).toEqual(['target']);

    document.body.innerHTML = Array.from({ length: 50 }, (_, i) => `<p>${filler(i)}</p>`).join('');
    let quiet = 0;
    runFinder(
      new SieveFinder(
        [document.body],
        /belarus/gi,
        () => {},
        {},
        () => quiet++,
      ),
    );
    expect(quiet).toBe(0);
  });

  it('locates places on both sides of a wide gap, without walking the gap', () => {
    const paragraphs = Array.from({ length: 2_000 }, (_, i) =>
      i === 3 || i === 1_990 || i === 1_995 ? `<p id="p${i}">seen in <b>Belarus</b> ${i}</p>` : `<p>${filler(i)}</p>`,
    );
    document.body.innerHTML = paragraphs.join('');
    const finder = new SieveFinder([document.body], /belarus/gi, () => {});
    runFinder(finder);
    expect(ownerIds(finder).sort()).toEqual(['p1990', 'p1995', 'p3']);
    // Forwards to paragraph 3, backwards to paragraph 1990: about 30 of the 6,000 text nodes.
    expect(finder.nodes).toBeLessThan(100);
  });

  it('finds places at the seams of a text read in pieces, where long pieces are searched unjoined', () => {
    // Read child by child (readWholeMax 1): long paragraphs (searched where they lie, up to 256 characters
    // before their end) between short ones and text nodes. Places: across the point where a long piece's
    // own search stops, in the last characters of one, across the seams of two short pieces, of a long piece
    // and a text node, and of a short piece and a long one, at a long piece's start, and inside one.
    const x = 'x '.repeat(800);
    const p = (id: string, text: string) => `<p id="${id}">${text}</p>`;
    document.body.innerHTML =
      p('cut', `${x}Belarus${'y'.repeat(252)}`) +
      p('end', `${x}ends in Belarus`) +
      p('s1', 'Bel') +
      p('s2', 'arus') +
      p('seam', `${x}Bela`) +
      'rus, said the text node' +
      p('s3', 'Be') +
      p('into', `larus ${x}`) +
      p('start', `Belarus ${x}`) +
      p('mid', `${x}Belarus${x}`) +
      p('none', x);
    const finder = new SieveFinder([document.body], /belarus/gi, () => {}, { readWholeMax: 1 });
    runFinder(finder, { yieldEvery: 1 });
    // A place across a seam is owned by the piece where it starts.
    expect(ownerIds(finder).sort()).toEqual(['cut', 'end', 'mid', 's1', 's3', 'seam', 'start']);
    expect(finder.chars).toBe(document.body.textContent!.length);
  });

  it('keeps the places of each long text node, found walking forwards and backwards, at their offsets in it', () => {
    const long = (length: number, at: number[]) => {
      let text = 'x '.repeat(length / 2);
      for (const a of at) text = text.slice(0, a) + 'Belarus' + text.slice(a + 7);
      return text;
    };
    // The widest gap lies inside the first node: its places are located from both ends.
    const texts = [long(60_000, [100, 59_000]), long(20_000, [50, 5_000]), 'Belarus, short'];
    document.body.innerHTML = '<p id="a"></p><p id="b"></p><div></div><p id="c"></p><textarea></textarea>';
    const [a, b, c] = ['a', 'b', 'c'].map((id) => document.getElementById(id)!);
    a!.append(texts[0]!);
    b!.append(texts[1]!);
    c!.append(texts[2]!);
    document.querySelector('div')!.append('x '.repeat(10_000));
    document.querySelector('textarea')!.append(long(20_000, [10]));
    const finder = new SieveFinder([document.body], /belarus/gi, () => {}, { keepPlacesOver: 16_384 });
    runFinder(finder);
    const placesOf = (el: Element) => finder.placesIn(el.firstChild as Text);
    expect(placesOf(a!)).toEqual([100, 59_000]);
    expect(placesOf(b!)).toEqual([50, 5_000]);
    // Short, without a place, or in a skipped subtree: nothing kept.
    expect(placesOf(c!)).toBeNull();
    expect(placesOf(document.querySelector('div')!)).toBeNull();
    expect(placesOf(document.querySelector('textarea')!)).toBeNull();
    expect(ownerIds(finder).sort()).toEqual(['a', 'b', 'c']);

    // Changed by the page: unknown, whether the change is seen or not.
    finder.noteChange(a!);
    expect(placesOf(a!)).toBeNull();
    (b!.firstChild as Text).appendData(' and more');
    expect(placesOf(b!)).toBeNull();
  });

  it('gives a long node’s places, and its owner, only once all of them are located, whatever the slices', () => {
    // Places on both sides of the widest gap, in one node: located forwards, then backwards.
    let text = 'x '.repeat(40_000);
    for (const a of [100, 200, 70_000, 79_000]) text = text.slice(0, a) + 'Belarus' + text.slice(a + 7);
    document.body.innerHTML = '<p id="a"></p>';
    const node = document.createTextNode(text);
    document.getElementById('a')!.append(node);
    const finder = new SieveFinder([document.body], /belarus/gi, () => {}, { keepPlacesOver: 16_384 });
    const seen: (readonly number[] | null)[] = [];
    runFinder(finder, {
      yieldEvery: 1,
      between: () => {
        const places = finder.placesIn(node);
        seen.push(places && [...places]);
        // Its owner is given out with them, not before.
        expect(ownerIds(finder).includes('a')).toBe(places !== null);
      },
    });
    expect(seen.length).toBeGreaterThan(2);
    // Asked between slices (as the engine may, once the node's owner is found), it is unknown or whole.
    for (const places of seen) if (places !== null) expect(places).toEqual([100, 200, 70_000, 79_000]);
    expect(finder.placesIn(node)).toEqual([100, 200, 70_000, 79_000]);
  });

  it('walks backwards only for places at the very end, as in a list of languages', () => {
    const paragraphs = Array.from({ length: 2_000 }, (_, i) => `<p>${filler(i)}</p>`);
    document.body.innerHTML = `<main>${paragraphs.join('')}</main><ul><li id="be">Беларуская</li><li id="by">Belarus</li></ul>`;
    const finder = new SieveFinder([document.body], /belarus|беларус/gi, () => {});
    runFinder(finder, { yieldEvery: 1 });
    expect(ownerIds(finder)).toEqual(['by', 'be']);
    expect(finder.nodes).toBeLessThan(10);
  });

  it('finds the same owners when every step is a slice of its own', () => {
    const paragraphs = Array.from({ length: 1_500 }, (_, i) =>
      [2, 10, 700, 1_100, 1_300, 1_499].includes(i) ? `<p id="p${i}"><i>Bela</i>rus ${i}</p>` : `<p>${filler(i)}</p>`,
    );
    document.body.innerHTML = paragraphs.join('');
    const once = new SieveFinder([document.body], /belarus/gi, () => {});
    runFinder(once);
    const sliced = new SieveFinder([document.body], /belarus/gi, () => {});
    const slices = runFinder(sliced, { yieldEvery: 1 });
    expect(slices).toBeGreaterThan(5);
    expect(ownerIds(sliced)).toEqual(ownerIds(once));
    expect(ownerIds(once).sort()).toEqual(['p10', 'p1100', 'p1300', 'p1499', 'p2', 'p700'].sort());
  });

  it('reads a subtree again when the page changed it before its places were located', () => {
    pageEndingWithTarget();
    const finder = new SieveFinder([document.body], /belarus/gi, () => {});
    runFinder(finder, {
      yieldEvery: 2,
      between: (step) => {
        // Once the text is read, the page puts a long paragraph in front: every offset moves.
        if (step === 1) prependLongParagraph(finder, document.body);
      },
    });
    expect(ownerIds(finder)).toEqual(['target']);
  });

  it('walks a subtree that keeps changing whole, which needs no offsets', () => {
    pageEndingWithTarget();
    const finder = new SieveFinder([document.body], /belarus/gi, () => {});
    runFinder(finder, {
      yieldEvery: 2,
      between: () => {
        document.body.prepend(document.createElement('p'));
        finder.noteChange(document.body);
      },
    });
    expect(finder.wholeRoots).toEqual([document.body]);
  });

  it('ignores changes outside the subtree it is reading', () => {
    document.body.innerHTML = '<main id="m"><p id="target">Belarus</p></main><aside id="a">side</aside>';
    const main = document.getElementById('m')!;
    const finder = new SieveFinder([main], /belarus/gi, () => {});
    runFinder(finder, {
      yieldEvery: 2,
      between: () => {
        document.getElementById('a')!.append('more');
        finder.noteChange(document.getElementById('a')!);
      },
    });
    expect(ownerIds(finder)).toEqual(['target']);
    expect(finder.wholeRoots).toEqual([]);
  });

  it('sieves open shadow roots under every kind of element that may have one, and skips ours', () => {
    document.body.innerHTML =
      '<section id="s"></section><news-card id="c"></news-card><span id="sp"></span>' +
      '<div data-factcontext-ui><div id="ui"></div></div>';
    const shadows: ShadowRoot[] = [];
    for (const id of ['s', 'c', 'sp', 'ui']) {
      const root = document.getElementById(id)!.attachShadow({ mode: 'open' });
      root.innerHTML = `<p id="in-${id}">Belarus</p>`;
    }
    const finder = new SieveFinder([document.body], /belarus/gi, (r) => shadows.push(r));
    runFinder(finder);
    expect(shadows.map((r) => (r.host as Element).id).sort()).toEqual(['c', 's', 'sp']);
    expect(ownerIds(finder).sort()).toEqual(['in-c', 'in-s', 'in-sp']);
  });

  it.each([
    ['backwards', 0],
    ['forwards', 400],
  ])(
    'leaves long style sheets and scripts out of the text it reads, and still locates every place walking %s',
    (_, trailing) => {
      const css = (n: number) => `.belarus-flag{color:red}`.repeat(n);
      const fillers = (n: number) => Array.from({ length: n }, (_, i) => `<p>${filler(i)}</p>`).join('');
      // With filler at the end, that is the widest stretch without a place: every place is located forwards.
      document.body.innerHTML =
        `<p id="first">Belarus</p><style>${css(100)}</style>${fillers(100)}` +
        `<script type="application/json">${JSON.stringify({ title: 'Belarus'.repeat(200) })}</script>` +
        `<p id="middle">In <i>Belarus</i></p><style>b{}</style>${fillers(100)}` +
        `<p id="last">Belarus</p><script>${'var belarus = 1;'.repeat(100)}</script>${fillers(trailing)}`;
      const cutLength = [...document.querySelectorAll('script,style')]
        .filter((el) => el.textContent!.length >= 512)
        .reduce((sum, el) => sum + el.textContent!.length, 0);
      for (const yieldEvery of [undefined, 1]) {
        const finder = new SieveFinder([document.body], /belarus/gi, () => {});
        runFinder(finder, { yieldEvery });
        expect(ownerIds(finder).sort()).toEqual(['first', 'last', 'middle']);
        // Three long blocks of raw text were never read; the short style was.
        expect(finder.chars).toBe(document.body.textContent!.length - cutLength);
      }
    },
  );
});

describe('SieveFinder reading a large subtree', () => {
  /** Small bounds, so that small pages take the paths large pages take with the real ones. */
  const limits = { readWholeMax: 100, hostQueryMax: 150 };
  const finderFor = (root: Node, onShadowRoot: (r: ShadowRoot) => void = () => {}) =>
    new SieveFinder([root], /belarus/gi, onShadowRoot, limits);

  /**
   * body > main > 4 sections of 30 paragraphs with a bold word each (61 elements a section, about 250
   * under main): main and body are more than the finder reads at once, so main's children are read one
   * by one. Long raw text (cut out) between sections and inside one, a comment and stray text between
   * sections, a place in the footer.
   */
  function largePage(
    hits: [section: number, paragraph: number][] = [
      [0, 5],
      [3, 28],
    ],
  ): void {
    const section = (n: number) =>
      `<section id="s${n}">` +
      Array.from({ length: 30 }, (_, i) =>
        hits.some(([hs, hp]) => hs === n && hp === i)
          ? `<p id="hit${n}">Seen in <b>Bela</b>rus</p>`
          : `<p>${filler(i)} <b>${i}</b></p>`,
      ).join('') +
      (n === 2 ? `<style>${'.belarus{}'.repeat(80)}</style>` : '') +
      `</section>`;
    document.body.innerHTML =
      `<main id="main">${section(0)}<!-- Belarus in a comment -->${section(1)}` +
      `<script>${'var belarus;'.repeat(80)}</script>stray text ${section(2)}${section(3)}</main>` +
      `<footer><p id="foot">Belarus</p></footer>`;
  }

  const longRawText = () =>
    [...document.querySelectorAll('script,style')].reduce((sum, el) => sum + el.textContent!.length, 0);

  /** Calls `body` while recording the length of every text read natively (textContent, Range.toString). */
  function recordingReads(body: (reads: number[]) => void): void {
    const reads: number[] = [];
    /** Where the DOM defines a property for `instance`. */
    const definer = (instance: object, key: string): object => {
      let at = instance;
      while (!Object.getOwnPropertyDescriptor(at, key)) at = Object.getPrototypeOf(at) as object;
      return at;
    };
    const owner = definer(document.body, 'textContent');
    const rangeOwner = definer(document.createRange(), 'toString');
    const textContent = Object.getOwnPropertyDescriptor(owner, 'textContent')!;
    const rangeToString = Object.getOwnPropertyDescriptor(rangeOwner, 'toString')!;
    Object.defineProperty(owner, 'textContent', {
      ...textContent,
      get(this: Node) {
        const text = textContent.get!.call(this) as string | null;
        reads.push(text?.length ?? 0);
        return text;
      },
    });
    Object.defineProperty(rangeOwner, 'toString', {
      ...rangeToString,
      value(this: Range) {
        const text = (rangeToString.value as () => string).call(this);
        reads.push(text.length);
        return text;
      },
    });
    try {
      body(reads);
    } finally {
      Object.defineProperty(owner, 'textContent', textContent);
      Object.defineProperty(rangeOwner, 'toString', rangeToString);
    }
  }

  it('reads it in pieces, never the whole at once, and still locates every place', () => {
    largePage();
    const expectedChars = document.body.textContent!.length - longRawText();
    recordingReads((reads) => {
      for (const yieldEvery of [undefined, 1]) {
        reads.length = 0;
        const finder = finderFor(document.body);
        const steps = runFinder(finder, { yieldEvery });
        expect(ownerIds(finder).sort()).toEqual(['foot', 'hit0', 'hit3']);
        expect(finder.chars).toBe(expectedChars);
        // No read took more than two of the four sections.
        expect(reads.length).toBeGreaterThan(3);
        expect(Math.max(...reads)).toBeLessThan(expectedChars * 0.5);
        if (yieldEvery) expect(steps).toBeGreaterThan(6);
      }
    });
    // With the real bounds, the page is small enough to be read at once: the three stretches around the
    // two cut-out elements.
    recordingReads((reads) => {
      const finder = new SieveFinder([document.body], /belarus/gi, () => {});
      runFinder(finder);
      expect(ownerIds(finder).sort()).toEqual(['foot', 'hit0', 'hit3']);
      expect(reads).toHaveLength(3);
      expect(reads.reduce((a, b) => a + b)).toBe(expectedChars);
    });
  });

  it('reads a subtree of up to readWholeMax elements at once, a larger one child by child', () => {
    // main and its 10 paragraphs with a bold word each: 21 elements; a place in the last paragraph.
    document.body.innerHTML = `<main>${`<p>${filler(1)} <b>x</b></p>`.repeat(9)}<p>Belarus <b>x</b></p></main>`;
    const main = document.querySelector('main')!;
    const whole = main.textContent!.length;
    /** The longest text read at once. */
    const longestReadWith = (readWholeMax: number, hostQueryMax: number) => {
      let longest = 0;
      recordingReads((reads) => {
        const finder = new SieveFinder([main], /belarus/gi, () => {}, { readWholeMax, hostQueryMax });
        runFinder(finder);
        expect(finder.owners).toEqual([main.lastElementChild]);
        longest = Math.max(...reads);
      });
      return longest;
    };
    for (const hostQueryMax of [5, 10_000]) {
      expect(longestReadWith(21, hostQueryMax)).toBe(whole);
      expect(longestReadWith(20, hostQueryMax)).toBe(main.firstElementChild!.textContent!.length);
    }
  });

  it('walks only the pieces that hold places to locate them', () => {
    // Places early in sections 0 and 3, and in the footer: read whole, sections 0 to 2 would be walked.
    largePage([
      [0, 2],
      [3, 2],
    ]);
    for (const yieldEvery of [undefined, 1]) {
      const finder = finderFor(document.body);
      runFinder(finder, { yieldEvery });
      expect(ownerIds(finder).sort()).toEqual(['foot', 'hit0', 'hit3']);
      // About 8 text nodes into each of the two sections, and the footer's one.
      expect(finder.nodes).toBeLessThan(30);
    }
  });

  it.each([
    ['looked up in each piece', limits.hostQueryMax],
    ['looked up at once in a subtree small enough for one query', 10_000],
  ])('finds the shadow hosts in it: %s', (_, hostQueryMax) => {
    largePage();
    const s0 = document.getElementById('s0')!;
    const card = document.createElement('news-card');
    document.getElementById('s3')!.append(card);
    const div = document.createElement('div');
    s0.insertBefore(div, s0.firstChild);
    const hosts = { s1: document.getElementById('s1')!, card, div };
    for (const [id, host] of Object.entries(hosts))
      host.attachShadow({ mode: 'open' }).innerHTML = `<p id="in-${id}">Belarus</p>`;
    for (const yieldEvery of [undefined, 1]) {
      const shadows: ShadowRoot[] = [];
      const finder = new SieveFinder([document.body], /belarus/gi, (r) => shadows.push(r), {
        ...limits,
        hostQueryMax,
      });
      runFinder(finder, { yieldEvery });
      // Each once.
      expect(shadows.map((r) => r.host).sort((a, b) => (a.localName < b.localName ? -1 : 1))).toEqual([
        div,
        card,
        hosts.s1,
      ]);
      expect(ownerIds(finder).sort()).toEqual(['foot', 'hit0', 'hit3', 'in-card', 'in-div', 'in-s1']);
    }
  });

  it('reads it again when the page changes it while it is being read', () => {
    largePage();
    const finder = finderFor(document.body);
    runFinder(finder, {
      yieldEvery: 1,
      between: (step) => {
        // Section 0 was read in step 4: a long paragraph is put in front of it.
        if (step === 5) prependLongParagraph(finder, document.getElementById('s0')!);
      },
    });
    expect(ownerIds(finder).sort()).toEqual(['foot', 'hit0', 'hit3']);
    expect(finder.wholeRoots).toEqual([]);
  });
});

describe('rawTextCuts and textBetween', () => {
  it('cut out long style sheets and scripts holding only text, in document order', () => {
    const long = (ch: string) => ch.repeat(600);
    document.body.innerHTML =
      `<p>a</p><style id="s">${long('s')}</style><p>b</p><script id="short">short</script>` +
      `<div><script id="j" type="application/json">${long('j')}</script></div><p>c</p>` +
      `<style id="marked"></style><textarea>${long('t')}</textarea>`;
    // A style element that a page script gave an element child: not only text, so read as usual.
    document.getElementById('marked')!.append(long('m'), document.createElement('b'));
    const cuts = rawTextCuts(document.body);
    // A short script is cheaper to read; long text elsewhere is read too.
    expect(cuts.map((el) => el.id)).toEqual(['s', 'j']);
    expect(textBetween(document.body, cuts)).toEqual(['a', 'bshort', `c${long('m')}${long('t')}`]);
  });

  it('reads a shadow root the same way', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<p>before</p><style>${'y'.repeat(700)}</style><p>after</p>`;
    const cuts = rawTextCuts(shadow);
    expect(cuts).toHaveLength(1);
    expect(textBetween(shadow, cuts)).toEqual(['before', 'after']);
  });
});

// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { HighlightScope, placeSelector, textParents } from './highlight-scope';

/** The selectors of the elements named for highlight `name`, without repeats. */
const selectorsOf = (scope: HighlightScope, name: string): string[] => [
  ...new Set(scope.namedElementsFor(name).map((e) => e.selector)),
];

/** The mutation records a change to the document makes (as the engine's observer would get them). */
async function recordsOf(change: () => void): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((r) => records.push(...r));
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  change();
  await Promise.resolve();
  records.push(...observer.takeRecords());
  observer.disconnect();
  return records;
}

describe('HighlightScope', () => {
  beforeEach(() => {
    document.body.innerHTML =
      '<main><h2>Title</h2><p id="a">Belarusian <em id="e">tanks</em> again</p><p id="b">Other text</p></main>';
  });
  const el = (id: string) => document.getElementById(id)!;

  const MAIN = ':root > body:nth-child(2) > main:nth-child(1)';

  it('names an element by its tag and its place among its parent’s elements, from the root down', () => {
    expect(placeSelector(el('a'))).toBe('p:nth-child(2)');
    expect(placeSelector(el('e'))).toBe('em:nth-child(1)');
    const custom = document.createElement('news-item');
    document.body.append(custom);
    expect(placeSelector(custom)).toBe('news-item:nth-child(2)');
    const scope = new HighlightScope();
    scope.add('h-x', [el('b'), el('e'), custom]);
    expect(selectorsOf(scope, 'h-x').sort()).toEqual([
      `${MAIN} > p:nth-child(2) > em:nth-child(1)`,
      `${MAIN} > p:nth-child(3)`,
      ':root > body:nth-child(2) > news-item:nth-child(2)',
    ]);
    // Each selector names its element alone.
    for (const selector of selectorsOf(scope, 'h-x')) expect(document.querySelectorAll(selector)).toHaveLength(1);
  });

  it('gives the elements holding the text of a phrase split across elements', () => {
    const a = el('a');
    const nodes = [a.firstChild!, el('e').firstChild!, a.lastChild!];
    expect(textParents(nodes)).toEqual([a, el('e')]);
  });

  it('keeps each highlight’s elements while a range of it covers them', () => {
    const scope = new HighlightScope();
    const before = scope.revision;
    scope.add('h-x', [el('a'), el('e')]);
    scope.add('h-x', [el('a')]);
    scope.add('h-y', [el('b')]);
    expect(scope.revision).not.toBe(before);
    expect(selectorsOf(scope, 'h-x').sort()).toEqual([
      `${MAIN} > p:nth-child(2)`,
      `${MAIN} > p:nth-child(2) > em:nth-child(1)`,
    ]);
    expect(selectorsOf(scope, 'h-y')).toEqual([`${MAIN} > p:nth-child(3)`]);
    expect(selectorsOf(scope, 'h-none')).toEqual([]);
    // One of the two ranges over #a goes: #a stays; the other goes too: it is gone.
    scope.remove('h-x', [el('a'), el('e')]);
    expect(selectorsOf(scope, 'h-x')).toEqual([`${MAIN} > p:nth-child(2)`]);
    const unchanged = scope.revision;
    scope.add('h-x', [el('a')]);
    expect(scope.revision).toBe(unchanged);
    scope.remove('h-x', [el('a')]);
    scope.remove('h-x', [el('a')]);
    expect(selectorsOf(scope, 'h-x')).toEqual([]);
    // The flash names one occurrence's elements at a time.
    scope.replace('h-flash', [el('a'), el('e')]);
    const revision = scope.revision;
    scope.replace('h-flash', [el('a'), el('e')]);
    expect(scope.revision).toBe(revision);
    scope.replace('h-flash', [el('b')]);
    expect(selectorsOf(scope, 'h-flash')).toEqual([`${MAIN} > p:nth-child(3)`]);
    scope.clear();
    expect(selectorsOf(scope, 'h-y')).toEqual([]);
    expect(selectorsOf(scope, 'h-flash')).toEqual([]);
  });

  it('works the selectors out anew when the page adds or removes an element beside one of ours', async () => {
    const scope = new HighlightScope();
    scope.add('h-x', [el('b')]);
    expect(selectorsOf(scope, 'h-x')).toEqual([`${MAIN} > p:nth-child(3)`]);
    // Text and changes elsewhere do not move it.
    let revision = scope.revision;
    expect(scope.noteChanges(await recordsOf(() => el('a').append(' more text', document.createElement('b'))))).toBe(
      false,
    );
    expect(scope.revision).toBe(revision);
    // An element put before it does.
    const records = await recordsOf(() => el('a').before(document.createElement('aside')));
    expect(scope.noteChanges(records)).toBe(true);
    expect(scope.revision).not.toBe(revision);
    expect(selectorsOf(scope, 'h-x')).toEqual([`${MAIN} > p:nth-child(4)`]);
    // So does one taken away, one put before an ancestor, and the element itself moved elsewhere.
    revision = scope.revision;
    expect(scope.noteChanges(await recordsOf(() => document.querySelector('h2')!.remove()))).toBe(true);
    expect(selectorsOf(scope, 'h-x')).toEqual([`${MAIN} > p:nth-child(3)`]);
    expect(scope.noteChanges(await recordsOf(() => document.body.prepend(document.createElement('nav'))))).toBe(true);
    expect(selectorsOf(scope, 'h-x')).toEqual([':root > body:nth-child(2) > main:nth-child(2) > p:nth-child(3)']);
    expect(scope.noteChanges(await recordsOf(() => document.body.prepend(el('b'))))).toBe(true);
    expect(selectorsOf(scope, 'h-x')).toEqual([':root > body:nth-child(2) > p:nth-child(1)']);
    expect(scope.revision).not.toBe(revision);
  });

  it('places each of many siblings right, named in any order, and again after the page moves them', async () => {
    document.body.innerHTML = `<main>${'<p>x</p>'.repeat(40)}</main>`;
    const ps = [...document.querySelectorAll('p')];
    const scope = new HighlightScope();
    // Out of document order: later siblings count back to ones placed before, earlier ones to the start.
    const order = [20, 5, 33, 6, 0, 39, 21, 19];
    for (const i of order) scope.add('h-x', [ps[i]!]);
    const expected = (shift: number) =>
      order.map((i) => `:root > body:nth-child(2) > main:nth-child(1) > p:nth-child(${i + 1 + shift})`);
    expect(selectorsOf(scope, 'h-x').sort()).toEqual(expected(0).sort());
    // An element put among them: every place after it moves, none is taken from before the change.
    expect(scope.noteChanges(await recordsOf(() => ps[0]!.before(document.createElement('aside'))))).toBe(true);
    expect(selectorsOf(scope, 'h-x').sort()).toEqual(expected(1).sort());
    expect(placeSelector(ps[39]!)).toBe('p:nth-child(41)');
  });

  it('names one element per range where highlight styles are inherited: the closest holding all its text', () => {
    document.body.innerHTML =
      '<main><p id="a">Belarusian <a id="l" href="#">tanks <em id="e">will</em></a> move</p><p id="b">x</p></main>';
    const parents = [el('a'), el('l'), el('e')];
    expect(new HighlightScope({ inherits: true }).elementsToName(parents)).toEqual([el('a')]);
    expect(new HighlightScope({ inherits: true }).elementsToName([el('e'), el('l')])).toEqual([el('l')]);
    expect(new HighlightScope({ inherits: true }).elementsToName([el('e')])).toEqual([el('e')]);
    expect(new HighlightScope({ inherits: true }).elementsToName([el('e'), el('b')])).toEqual([
      document.querySelector('main'),
    ]);
    // Without inheritance, each element holding a piece is named.
    expect(new HighlightScope().elementsToName(parents)).toEqual(parents);
  });

  it('with inheritance, names each element through the ancestor whose rule restyles the fewest elements', () => {
    // Many alike paragraphs in sections: naming a paragraph restyles all 201 of them; naming its section,
    // the 8 sections and the 1 + 25 + 25 elements of the one named.
    const section = `<section>${'<p>Text <a href="#">here</a>.</p>'.repeat(25)}</section>`;
    document.body.innerHTML = `<main>${section.repeat(8)}</main><aside><p id="lone">Alone.</p></aside>`;
    const ps = [...document.querySelectorAll('section p')];
    // Without inheritance, each element is named itself.
    const plain = new HighlightScope();
    plain.add('h-x', [ps[3]!, ps[60]!]);
    expect(selectorsOf(plain, 'h-x')).toEqual([
      `${MAIN} > section:nth-child(1) > p:nth-child(4)`,
      `${MAIN} > section:nth-child(3) > p:nth-child(11)`,
    ]);
    expect(plain.restyleEstimate()).toBe(0);

    const scope = new HighlightScope({ inherits: true });
    scope.add('h-x', [ps[3]!, ps[60]!]);
    scope.add('h-y', [ps[61]!]);
    expect(selectorsOf(scope, 'h-x')).toEqual([`${MAIN} > section:nth-child(1)`, `${MAIN} > section:nth-child(3)`]);
    expect(selectorsOf(scope, 'h-y')).toEqual([`${MAIN} > section:nth-child(3)`]);
    // The 8 sections, and the two named ones with their 50 elements each.
    expect(scope.restyleEstimate()).toBe(8 + 2 * 51);
    // The aside (one of its tag, 2 elements) is cheaper to name than its paragraph (201 of its tag).
    scope.add('h-z', [el('lone')]);
    expect(selectorsOf(scope, 'h-z')).toEqual([':root > body:nth-child(2) > aside:nth-child(2)']);
    // A paragraph among few stays itself.
    document.body.innerHTML = '<main><h2>Title</h2><p>One.</p><p id="a">Two <em>words</em>.</p></main>';
    const few = new HighlightScope({ inherits: true });
    few.add('h-z', [el('a')]);
    expect(selectorsOf(few, 'h-z')).toEqual([`${MAIN} > p:nth-child(3)`]);
  });

  it('with inheritance, follows the page as it moves the named ancestors', () => {
    const section = `<section>${'<p>Text <a href="#">here</a>.</p>'.repeat(25)}</section>`;
    document.body.innerHTML = `<main>${section.repeat(8)}</main>`;
    const ps = [...document.querySelectorAll('section p')];
    const scope = new HighlightScope({ inherits: true });
    scope.add('h-x', [ps[3]!, ps[60]!]);
    expect(selectorsOf(scope, 'h-x')).toEqual([`${MAIN} > section:nth-child(1)`, `${MAIN} > section:nth-child(3)`]);
    const main = document.querySelector('main')!;
    const added = document.createElement('section');
    main.prepend(added);
    const revision = scope.revision;
    expect(
      scope.noteChanges([
        { type: 'childList', target: main, addedNodes: [added], removedNodes: [] } as unknown as MutationRecord,
      ]),
    ).toBe(true);
    expect(scope.revision).not.toBe(revision);
    expect(selectorsOf(scope, 'h-x')).toEqual([`${MAIN} > section:nth-child(2)`, `${MAIN} > section:nth-child(4)`]);
    // Each names one element of the page, which holds the element it stands for.
    const [first, second] = selectorsOf(scope, 'h-x').map((s) => document.querySelectorAll(s));
    expect([first!.length, second!.length]).toEqual([1, 1]);
    expect(first![0]!.contains(ps[3]!)).toBe(true);
    expect(second![0]!.contains(ps[60]!)).toBe(true);
    // The page moves a named paragraph out of its section: it is named through its new place.
    const moved = ps[60]!;
    const aside = document.createElement('aside');
    document.body.append(aside);
    aside.append(moved);
    expect(
      scope.noteChanges([
        {
          type: 'childList',
          target: document.body,
          addedNodes: [aside],
          removedNodes: [],
        } as unknown as MutationRecord,
      ]),
    ).toBe(true);
    expect(selectorsOf(scope, 'h-x')).toEqual([
      `${MAIN} > section:nth-child(2)`,
      ':root > body:nth-child(2) > aside:nth-child(2)',
    ]);
  });

  it('leaves out an element no longer in the page', () => {
    const scope = new HighlightScope();
    const b = el('b');
    b.remove();
    scope.add('h-x', [b, el('a')]);
    expect(selectorsOf(scope, 'h-x')).toEqual([`${MAIN} > p:nth-child(2)`]);
  });
});

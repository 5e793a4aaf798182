// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { HighlightScope, placeSelector, textParents } from './highlight-scope';

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
    expect(scope.selectorsFor('h-x').sort()).toEqual([
      `${MAIN} > p:nth-child(2) > em:nth-child(1)`,
      `${MAIN} > p:nth-child(3)`,
      ':root > body:nth-child(2) > news-item:nth-child(2)',
    ]);
    // Each selector names its element alone.
    for (const selector of scope.selectorsFor('h-x')) expect(document.querySelectorAll(selector)).toHaveLength(1);
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
    expect(scope.selectorsFor('h-x').sort()).toEqual([
      `${MAIN} > p:nth-child(2)`,
      `${MAIN} > p:nth-child(2) > em:nth-child(1)`,
    ]);
    expect(scope.selectorsFor('h-y')).toEqual([`${MAIN} > p:nth-child(3)`]);
    expect(scope.selectorsFor('h-none')).toEqual([]);
    // One of the two ranges over #a goes: #a stays; the other goes too: it is gone.
    scope.remove('h-x', [el('a'), el('e')]);
    expect(scope.selectorsFor('h-x')).toEqual([`${MAIN} > p:nth-child(2)`]);
    const unchanged = scope.revision;
    scope.add('h-x', [el('a')]);
    expect(scope.revision).toBe(unchanged);
    scope.remove('h-x', [el('a')]);
    scope.remove('h-x', [el('a')]);
    expect(scope.selectorsFor('h-x')).toEqual([]);
    // The flash names one occurrence's elements at a time.
    scope.replace('h-flash', [el('a'), el('e')]);
    const revision = scope.revision;
    scope.replace('h-flash', [el('a'), el('e')]);
    expect(scope.revision).toBe(revision);
    scope.replace('h-flash', [el('b')]);
    expect(scope.selectorsFor('h-flash')).toEqual([`${MAIN} > p:nth-child(3)`]);
    scope.clear();
    expect(scope.selectorsFor('h-y')).toEqual([]);
    expect(scope.selectorsFor('h-flash')).toEqual([]);
  });

  it('works the selectors out anew when the page adds or removes an element beside one of ours', async () => {
    const scope = new HighlightScope();
    scope.add('h-x', [el('b')]);
    expect(scope.selectorsFor('h-x')).toEqual([`${MAIN} > p:nth-child(3)`]);
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
    expect(scope.selectorsFor('h-x')).toEqual([`${MAIN} > p:nth-child(4)`]);
    // So does one taken away, one put before an ancestor, and the element itself moved elsewhere.
    revision = scope.revision;
    expect(scope.noteChanges(await recordsOf(() => document.querySelector('h2')!.remove()))).toBe(true);
    expect(scope.selectorsFor('h-x')).toEqual([`${MAIN} > p:nth-child(3)`]);
    expect(scope.noteChanges(await recordsOf(() => document.body.prepend(document.createElement('nav'))))).toBe(true);
    expect(scope.selectorsFor('h-x')).toEqual([':root > body:nth-child(2) > main:nth-child(2) > p:nth-child(3)']);
    expect(scope.noteChanges(await recordsOf(() => document.body.prepend(el('b'))))).toBe(true);
    expect(scope.selectorsFor('h-x')).toEqual([':root > body:nth-child(2) > p:nth-child(1)']);
    expect(scope.revision).not.toBe(revision);
  });

  it('leaves out an element no longer in the page', () => {
    const scope = new HighlightScope();
    const b = el('b');
    b.remove();
    scope.add('h-x', [b, el('a')]);
    expect(scope.selectorsFor('h-x')).toEqual([`${MAIN} > p:nth-child(2)`]);
  });
});

// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { elementsIn, hasElementsBelow } from './element-count';

describe('counting elements', () => {
  beforeEach(() => {
    document.body.innerHTML = '<div id="d"><p><a></a><em><b></b></em></p><p></p></div><p id="after"></p>';
  });
  const el = (id: string) => document.getElementById(id)!;

  it('counts an element and its descendants, stopping at the limit', () => {
    // div, p, a, em, b, p
    expect(elementsIn(el('d'), Infinity)).toBe(6);
    expect(elementsIn(el('d'), 3)).toBe(3);
    // At the limit and around it: never more than the limit, never less than the count below it.
    expect(elementsIn(el('d'), 6)).toBe(6);
    expect(elementsIn(el('d'), 7)).toBe(6);
    expect(elementsIn(el('d'), 5)).toBe(5);
    expect(elementsIn(el('d'), 2)).toBe(2);
    expect(elementsIn(el('d'), 1)).toBe(1);
    expect(elementsIn(el('after'), Infinity)).toBe(1);
    expect(elementsIn(document.querySelector('em')!, Infinity)).toBe(2);
  });

  it('tells whether an element holds at least so many elements below it', () => {
    // Below the body: the div's 6 elements and the paragraph after it.
    for (const n of [-1, 0, 1, 6, 7]) expect(hasElementsBelow(document.body, n)).toBe(true);
    expect(hasElementsBelow(document.body, 8)).toBe(false);
    expect(hasElementsBelow(el('d'), 5)).toBe(true);
    expect(hasElementsBelow(el('d'), 6)).toBe(false);
    expect(hasElementsBelow(el('after'), 1)).toBe(false);
    expect(hasElementsBelow(el('after'), 0)).toBe(true);
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { textStartHasPlace } from './text-start';

afterEach(() => {
  document.body.innerHTML = '';
});

const filler = (i: number) => `<p>paragraph ${i} about the weather and the park</p>`;

describe('textStartHasPlace', () => {
  it('finds a place in the start of the text, across the elements that split it', () => {
    document.body.innerHTML = '<h1>Will <a href="#">Bela</a><em>rus</em> move?</h1>' + filler(1);
    expect(textStartHasPlace(document, /belarus/gi, 1_000)).toBe(true);
  });

  it('looks no further than about maxChars: a place beyond is left to the first pass', () => {
    document.body.innerHTML = Array.from({ length: 100 }, (_, i) => filler(i)).join('') + '<p>Belarus</p>';
    const chars = document.body.textContent!.length;
    expect(textStartHasPlace(document, /belarus/gi, chars - 20)).toBe(false);
    expect(textStartHasPlace(document, /belarus/gi, chars)).toBe(true);
  });

  it('finds nothing on a page without a place or without text, and leaves the sieve ready for its next search', () => {
    document.body.innerHTML = filler(1);
    const sieve = /belarus/gi;
    expect(textStartHasPlace(document, sieve, 1_000)).toBe(false);
    document.body.innerHTML = '<img alt="Belarus">';
    expect(textStartHasPlace(document, sieve, 1_000)).toBe(false);
    document.body.innerHTML = 'Belarus';
    expect(textStartHasPlace(document, sieve, 1_000)).toBe(true);
    expect(sieve.lastIndex).toBe(0);
  });
});

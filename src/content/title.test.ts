// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { sieveParts } from '../core/match/sieve';
import { titleHasPlace } from './title';

afterEach(() => {
  document.title = '';
  document.body.innerHTML = '';
});

describe('titleHasPlace', () => {
  it('finds a place in the page’s title', () => {
    document.title = 'Will Belarus move? — The Daily';
    document.body.innerHTML = '<h1>Tanks</h1><p>Rain.</p>';
    expect(titleHasPlace(document, /belarus/gi)).toBe(true);
  });

  it('leaves the page’s text to the first pass', () => {
    document.title = 'The Daily';
    document.body.innerHTML = '<h1>Belarus</h1><p>Belarus</p>';
    expect(titleHasPlace(document, /belarus/gi)).toBe(false);
  });

  it('finds nothing without a title or a place in it, and leaves the sieve ready for its next search', () => {
    const sieve = /belarus/gi;
    expect(titleHasPlace(document, sieve)).toBe(false);
    document.title = 'Rain for the weekend';
    expect(titleHasPlace(document, sieve)).toBe(false);
    document.title = 'Belarus';
    expect(titleHasPlace(document, sieve)).toBe(true);
    expect(sieve.lastIndex).toBe(0);
    // A place at the very end of a long title is found too (the padding only follows it).
    document.title = `${'x'.repeat(1_500)} Belarus`;
    expect(titleHasPlace(document, sieve)).toBe(true);
  });

  it('searches every part of a sieve made of parts, and leaves each ready for its next search', () => {
    // Latin, Cyrillic and full-width letters, each a part (see sieveSource).
    const sieve = /(?:)minsk|(?:)\u041c\u0438\u043d\u0441\u043a|(?:)[\uff21-\uff3a]/g;
    expect(sieveParts(sieve)).toHaveLength(3);
    for (const [title, found] of [
      ['Rain in minsk', true],
      ['Дождь: Минск', true],
      ['ＭＩＮＳＫ', true],
      ['Rain for the weekend', false],
    ] as const) {
      document.title = title;
      expect(titleHasPlace(document, sieve)).toBe(found);
      for (const part of sieveParts(sieve)) expect(part.lastIndex).toBe(0);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { compilePattern, FAST_WORD_UNIT, formatSequence, MAX_EXPANSIONS, patternError } from './pattern';

const show = (source: string) => compilePattern(source).map(formatSequence);

describe('compilePattern', () => {
  it('normalises words like page text', () => {
    expect(show('Belarusian ТАНК* пам’ять')).toEqual(["belarusian танк* пам'ять"]);
  });

  it('expands groups with multi-token alternatives', () => {
    expect(show('(north atlantic alliance|nato) (kyiv|kiev) (big city|town*)')).toEqual([
      'north atlantic alliance (kyiv|kiev) big city',
      'north atlantic alliance (kyiv|kiev) town*',
      'nato (kyiv|kiev) big city',
      'nato (kyiv|kiev) town*',
    ]);
  });

  it('keeps a group of single-token alternatives as one element', () => {
    expect(show('(kyiv|kiev|київ*) (regime|junta)')).toEqual(['(kyiv|kiev|київ*) (regime|junta)']);
    expect(compilePattern('(a|b|c|d) (a|b|c|d) (a|b|c|d) (a|b|c|d) (a|b|c|d) (a|b|c|d)')).toHaveLength(1);
  });

  it('expands optional tokens and groups', () => {
    expect(show('the? kremlin')).toEqual(['the kremlin', 'kremlin']);
    expect(show('(big|small)? tank')).toEqual(['(big|small) tank', 'tank']);
    expect(show('(big tank|small)? x')).toEqual(['big tank x', 'small x', 'x']);
  });

  it('reads gaps in both spellings, with the … shorthand as {0,3}', () => {
    expect(show('nato …{0,2} belarus')).toEqual(['nato …{0,2} belarus']);
    expect(show('nato ...{1,8} belarus')).toEqual(['nato …{1,8} belarus']);
    expect(show('agent* … fsb')).toEqual(['agent* …{0,3} fsb']);
  });

  it('merges neighbouring gaps and drops gaps at the edges', () => {
    expect(show('a … …{1,2} b')).toEqual(['a …{1,5} b']);
    expect(show('(x …)? nato')).toEqual(['x …{0,3} nato', 'nato']);
  });

  it('treats other punctuation as a separator, like in text', () => {
    expect(show('pro-russian, "regime"')).toEqual(['pro russian regime']);
  });

  it('deduplicates identical expansions', () => {
    expect(show('(nato|nato) x')).toEqual(['nato x']);
  });
});

describe('patternError', () => {
  it.each([
    ['(a|b', 'unbalanced "("'],
    ['a|b)', 'unbalanced ")"'],
    ['(a|) b', 'empty alternative'],
    ['() b', 'empty group'],
    ['? a', '"?" must follow'],
    ['a … ? b', 'cannot follow a gap'],
    ['a?? b', 'optional twice'],
    ['ab* c', 'too short'],
    ['* a', 'must directly follow a word'],
    ['a …{3,1} b', 'minimum exceeds'],
    ['a …{0,9} b', 'at most 8'],
    ['a …{x} b', 'malformed gap'],
    ['a { b', 'unexpected "{"'],
    ['a? (b|c)?', 'required token'],
    ['…', 'required token'],
    ['  ', 'empty pattern'],
  ])('%s → %s', (source, message) => {
    expect(patternError(source)).toContain(message);
  });

  it('bounds the expansion', () => {
    const group = '(a b|c|d|e)';
    expect(patternError(Array(6).fill(group).join(' '))).toContain(`more than ${MAX_EXPANSIONS}`);
    expect(patternError(Array(5).fill(group).join(' '))).toBeNull();
  });

  it('accepts valid patterns', () => {
    expect(patternError('белорусск* танк*')).toBeNull();
    expect(patternError('(росси*|москв*) …{0,4} (аннекс*|поглот*) беларус*')).toBeNull();
  });
});

describe('lexer fast path', () => {
  it('uses a word class that equals letters, marks and digits over printable ASCII and Cyrillic letters', () => {
    const word = /^[\p{L}\p{M}\p{N}]$/u;
    for (let c = 0x20; c <= 0x4ff; c++) {
      if ((c > 0x7e && c < 0x400) || (c >= 0x482 && c <= 0x489)) continue;
      const ch = String.fromCharCode(c);
      expect(FAST_WORD_UNIT.test(ch), ch).toBe(word.test(ch));
    }
  });
});

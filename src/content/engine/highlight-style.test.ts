import { describe, expect, it } from 'vitest';
import { highlightCss, highlightSheetText } from './highlight-style';

describe('the engine’s stylesheet text', () => {
  it('holds its own rules for the page’s background, then the reader’s, so that the reader’s win', () => {
    const reader = '::highlight(factcontext-disputed) { background-color: #01020340; }';
    const text = highlightSheetText(false, reader);
    expect(text.startsWith(highlightCss(false))).toBe(true);
    expect(text.endsWith(reader)).toBe(true);
    expect(text.indexOf('::highlight(factcontext-disputed)')).toBeLessThan(text.indexOf(reader));
    expect(highlightSheetText(true, '')).toBe(highlightCss(true));
    expect(highlightCss(true)).not.toBe(highlightCss(false));
  });
});

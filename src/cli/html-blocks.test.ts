import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToBlocks, joinBlocks } from './html-blocks';
import { textToBlocks } from './text-blocks';

describe('htmlToBlocks', () => {
  it('splits on block elements, keeps inline elements together and skips scripts and styles', () => {
    const html = `<!doctype html><html><head><title>T</title><style>p{color:red}</style>
      <script>var s = "<p>not text</p>";</script></head><body>
      <h1>Belarusian <em>tanks</em></h1><!-- a comment <p>no</p> -->
      <p>One&nbsp;&amp; two<br>three</p><noscript><p>hidden</p></noscript><template><p>t</p></template>
      <ul><li>a &#x41B;&#1091;&lt;</li><li>b</li></ul></body></html>`;
    expect(htmlToBlocks(html).map((b) => b.text)).toEqual([
      'T',
      'Belarusian tanks',
      'One & two',
      'three',
      'a Лу<',
      'b',
    ]);
  });

  it('gives offsets into the joined text', () => {
    const blocks = htmlToBlocks('<p>first</p><div>second <b>block</b></div>');
    const joined = joinBlocks(blocks);
    for (const b of blocks) expect(joined.slice(b.offset, b.offset + b.text.length)).toBe(b.text);
  });

  it('survives malformed markup', () => {
    expect(htmlToBlocks('<p>open <b>never closed <script>x').map((b) => b.text)).toEqual(['open never closed']);
    expect(htmlToBlocks('a < b and c > d').map((b) => b.text)).toEqual(['a < b and c > d']);
  });

  it('decodes entities and leaves unknown ones', () => {
    expect(decodeEntities('&laquo;x&raquo; &shy; &#0; &bogus; &#128512;')).toBe('«x» \u00ad \ufffd &bogus; 😀');
  });
});

describe('textToBlocks', () => {
  it('splits paragraphs on blank lines and keeps exact offsets', () => {
    const text = 'one\nline\n\n  \r\ntwo\n\n\nthree';
    const blocks = textToBlocks(text);
    expect(blocks.map((b) => b.text)).toEqual(['one\nline', 'two', 'three']);
    for (const b of blocks) expect(text.slice(b.offset, b.offset + b.text.length)).toBe(b.text);
  });
});

import type { Block } from './text-blocks';

/**
 * A small HTML-to-blocks extractor for the CLI (no DOM): drops markup, comments and the content of
 * script/style/noscript/template/svg/textarea, starts a new block at every block-level tag, decodes
 * entities and collapses whitespace. The blocks are joined with a blank line ("\n\n") into the file's
 * extracted text; each block's offset is its position in that joined text.
 */

const SKIP_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'svg', 'textarea', 'math']);
const BLOCK_TAGS = new Set(
  (
    'address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption figure ' +
    'footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol option p pre section summary table ' +
    'tbody td tfoot th thead title tr ul legend menu'
  ).split(' '),
);

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '\u00ad',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  laquo: '\u00ab',
  raquo: '\u00bb',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  sbquo: '\u201a',
  bdquo: '\u201e',
  bull: '\u2022',
  middot: '\u00b7',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  deg: '\u00b0',
  times: '\u00d7',
  euro: '\u20ac',
  zwj: '\u200d',
  zwnj: '\u200c',
  thinsp: '\u2009',
  ensp: '\u2002',
  emsp: '\u2003',
  minus: '\u2212',
};

/** Decodes numeric and common named character references; unknown names are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        return '\ufffd';
      return String.fromCodePoint(code);
    }
    return NAMED[ref] ?? NAMED[ref.toLowerCase()] ?? whole;
  });
}

const TAG = /<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\?[^>]*>|<\/?([a-zA-Z][a-zA-Z0-9:-]*)(?:"[^"]*"|'[^']*'|[^'">])*>?/g;

/** Extracts the visible text of an HTML page as blocks. */
export function htmlToBlocks(html: string): Block[] {
  const texts: string[] = [];
  let current = '';
  const flush = () => {
    const text = decodeEntities(current).replace(/\s+/g, ' ').trim();
    if (text) texts.push(text);
    current = '';
  };
  let from = 0;
  let lower: string | undefined;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    current += html.slice(from, m.index);
    from = m.index + m[0].length;
    const name = m[1]?.toLowerCase();
    if (!name) continue;
    const closing = m[0][1] === '/';
    if (!closing && SKIP_CONTENT.has(name) && !m[0].endsWith('/>')) {
      const end = (lower ??= html.toLowerCase()).indexOf(`</${name}`, from);
      from = end < 0 ? html.length : end;
      TAG.lastIndex = from;
      flush();
      continue;
    }
    if (BLOCK_TAGS.has(name)) flush();
  }
  current += html.slice(from);
  flush();
  const blocks: Block[] = [];
  let offset = 0;
  for (const text of texts) {
    blocks.push({ text, offset });
    offset += text.length + 2;
  }
  return blocks;
}

/** The extracted text that block offsets refer to. */
export function joinBlocks(blocks: readonly Block[]): string {
  return blocks.map((b) => b.text).join('\n\n');
}

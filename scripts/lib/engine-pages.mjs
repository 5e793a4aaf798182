// Pages for the page engine's e2e tests and benchmark: pack-driven text, generated large pages, the
// real-page corpus without scripts, and the pack's patterns as regular expressions for mark.js.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_DIR = resolve(import.meta.dirname, '../..');
/** The pack the content script bundles. */
export const PACK_PATH = resolve(REPO_DIR, 'packs/belarus-ukraine-troubled-period.json');
/** The shared corpus of real news pages (outside the repository). */
export const REAL_PAGES_DIR = process.env.FACTCONTEXT_REAL_PAGES ?? resolve(REPO_DIR, '../shared/corpus/real-pages');

export const hasRealPages = () => existsSync(REAL_PAGES_DIR);

export function realPageFiles() {
  if (!hasRealPages()) return [];
  return readdirSync(REAL_PAGES_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort();
}

export const readPack = () => JSON.parse(readFileSync(PACK_PATH, 'utf8'));

/** The pack's example sentences (which must match) and counter-examples (which must not), in one language. */
export function packExamples(lang = 'en') {
  const examples = [];
  const counter = [];
  for (const n of readPack().narratives) {
    for (const text of n.examples?.[lang] ?? []) examples.push({ narrativeId: n.id, text });
    counter.push(...(n.counterExamples?.[lang] ?? []));
  }
  return { examples, counter };
}

export const escapeHtml = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const INLINE_WRAPPERS = [
  ['<a href="#x">', '</a>'],
  ['<em>', '</em>'],
  ['<strong>', '</strong>'],
  ['<span class="w">', '</span>'],
  ['<b>', '</b>'],
  ['<i>', '</i>'],
];

/** The sentence with every word in its own inline element, so any multi-word match spans elements. */
export function splitAcrossInline(sentence) {
  return sentence
    .split(/(\s+)/)
    .map((part, i) => {
      if (!part || /^\s+$/.test(part)) return part;
      const [open, close] = INLINE_WRAPPERS[(i >> 1) % INLINE_WRAPPERS.length];
      return `${open}${escapeHtml(part)}${close}`;
    })
    .join('');
}

/** Removes every script (and things that would navigate away) from a saved page. */
export function stripScripts(html) {
  return html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/>/gi, '')
    .replace(/<meta[^>]+http-equiv=["']?refresh[^>]*>/gi, '')
    .replace(/<base\b[^>]*>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '');
}

/** A deterministic pseudo-random generator for generated pages. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const FILLER = (
  'the of and to in a is that for on with as by at from this be are was it or an but not have has ' +
  'government ministry officials reported weather market season council city region growth energy prices ' +
  'teachers hospital bridge railway festival museum library harvest river forest village election budget'
).split(' ');

function fillerSentence(next, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(FILLER[Math.floor(next() * FILLER.length)]);
  const s = out.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

/**
 * A generated page of about `chars` characters of article text in paragraphs with inline markup,
 * with an example sentence (each word in its own element) every `every` paragraphs.
 */
export function generateLargePage(chars, every = 400) {
  const next = rng(42);
  const { examples } = packExamples('en');
  const parts = [];
  let total = 0;
  let count = 0;
  let p = 0;
  while (total < chars) {
    let text = `${fillerSentence(next, 12)} <a href="#p${p}">${fillerSentence(next, 6)}</a> <em>${fillerSentence(next, 8)}</em> ${fillerSentence(next, 10)}`;
    if (examples.length && p % every === every - 1) {
      text += ' ' + splitAcrossInline(examples[count % examples.length].text);
      count++;
    }
    parts.push(p % 50 === 0 ? `<section><h2>Section ${p / 50}</h2><p>${text}</p>` : `<p>${text}</p>`);
    if (p % 50 === 49) parts.push('</section>');
    total += text.replace(/<[^>]*>/g, '').length;
    p++;
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Generated large page</title></head><body><main>${parts.join('\n')}</main></body></html>`;
  return { html, examples: count };
}

/** A page with one text node of `chars` characters holding the first example sentence at fixed offsets. */
export function generateBigTextNode(chars = 1_000_000) {
  const next = rng(7);
  const { examples } = packExamples('en');
  const sentence = examples[0]?.text ?? 'x';
  let text = '';
  let count = 0;
  const targets = [1_000, 16_370, 32_760, 65_530, 250_000, 500_000, 999_000 - sentence.length].filter((t) => t < chars);
  for (const target of targets) {
    while (text.length < target) text += fillerSentence(next, 10) + ' ';
    text += sentence + ' ';
    count++;
  }
  while (text.length < chars) text += fillerSentence(next, 10) + ' ';
  text = text.slice(0, chars);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>One big text node</title></head><body><p id="big">${escapeHtml(text)}</p></body></html>`;
  return { html, examples: count };
}

// ---- the pack's patterns as a regular expression (for mark.js) ------------------------------------

const L = 'A-Za-z0-9\\u00C0-\\u024F\\u0400-\\u052F';
const SEP = `[^${L}]+`;
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Translates one pattern of the pack syntax (docs/packs.md) into a regular expression source:
 * tokens are runs of letters/digits separated by anything else; `stem*` is the stem followed by more
 * letters; `(a|b)` alternatives; `x?` optional; `…{m,n}` a gap of m..n tokens. Guards are not applied.
 */
export function patternToRegExpSource(pattern) {
  const s = pattern.trim();
  let i = 0;
  const skip = () => {
    while (i < s.length && /\s/.test(s[i])) i++;
  };
  function parseSeq(inGroup) {
    const items = [];
    for (;;) {
      skip();
      if (i >= s.length) break;
      const c = s[i];
      if (inGroup && (c === ')' || c === '|')) break;
      if (c === '(') {
        i++;
        const alts = [parseSeq(true)];
        while (s[i] === '|') {
          i++;
          alts.push(parseSeq(true));
        }
        if (s[i] === ')') i++;
        const opt = s[i] === '?';
        if (opt) i++;
        items.push({ re: `(?:${alts.map(seqRe).join('|')})`, opt });
        continue;
      }
      const gap = /^(?:…|\.\.\.)(?:\{(\d+),(\d+)\})?/.exec(s.slice(i));
      if (gap) {
        i += gap[0].length;
        items.push({ gap: [Number(gap[1] ?? 0), Number(gap[2] ?? 3)] });
        continue;
      }
      const word = /^[^\s()|?]+/.exec(s.slice(i));
      if (!word) {
        i++;
        continue;
      }
      i += word[0].length;
      const opt = s[i] === '?';
      if (opt) i++;
      const w = word[0];
      const re = w.endsWith('*') ? `${escapeRe(w.slice(0, -1))}[${L}]*` : `${escapeRe(w)}(?![${L}])`;
      items.push({ re, opt });
    }
    return items;
  }
  function seqRe(items) {
    let out = '';
    let first = true;
    let afterGap = false;
    for (const item of items) {
      if (item.gap) {
        out += `${first ? '' : SEP}(?:[${L}]+${SEP}){${item.gap[0]},${item.gap[1]}}`;
        first = false;
        afterGap = true;
        continue;
      }
      const sep = first || afterGap ? '' : SEP;
      // An optional first token carries its own separator, like a gap.
      const optFirst = item.opt && first;
      out += item.opt ? (first ? `(?:${item.re}${SEP})?` : `(?:${sep}${item.re})?`) : `${sep}${item.re}`;
      first = false;
      afterGap = optFirst;
    }
    return out;
  }
  return `(?<![${L}])${seqRe(parseSeq(false))}`;
}

/** The regular expression source of every pattern of every narrative in the pack (all languages), in pack order. */
export function packPatternSources(pack = readPack()) {
  const sources = [];
  for (const n of pack.narratives) {
    for (const list of Object.values(n.patterns ?? {}))
      for (const p of list ?? []) sources.push(patternToRegExpSource(p));
  }
  return sources;
}

/** Every pattern of every narrative in the pack (all languages) as one case-insensitive global RegExp. */
export function packToRegExp(pack = readPack()) {
  return new RegExp(
    packPatternSources(pack)
      .map((x) => `(?:${x})`)
      .join('|'),
    'gi',
  );
}

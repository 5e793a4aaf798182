import { hasPlace } from '../core/match/sieve';

/**
 * The text the sieve searches for a title: the title padded with spaces to 1,024 characters, and one EM SPACE
 * (U+2003), neither ever a place. V8 compiles a regular expression for the kind of string it first searches:
 * to bytecode for a short one, and again to machine code once a long one comes (at 1,000 characters); and
 * apart for strings of Latin-1 characters only and for the others, which a page's text nearly always is (a
 * curly quote or a dash is enough). Searched first in a short title, the sieve's expression cost 2.2–3.2 ms
 * in Node here, against 0.5 ms padded; searched first in an ASCII title padded with spaces only, the pass's
 * first search of a page's text was as slow as without the title's (1.14 against 0.86 ms): it compiled again.
 */
export function paddedForSieve(text: string): string {
  return `${text.padEnd(1_024)}\u2003`;
}

/**
 * Whether the sieve finds a place in the page's title: a quick look, made as the content script begins,
 * before the page engine's first pass. A news page about the pack's subject says so in its title, which
 * most often repeats its headline; a place there starts the read of the pack's copy while the rest of the
 * content script is evaluated.
 *
 * The title is one string, read without touching the page's elements. Looking further cost more than it
 * saved, in the content script's fresh isolated world here: the first `h1` with `querySelector` about 1 ms
 * more (the element's wrapper object, the first of its kind there), with an XPath string 0.2 ms on news pages
 * but 1.6 ms on a page of 5 M characters; the first 32,768 characters of the body's text 2.5–3.5 ms walking
 * its text nodes, and up to 13 ms with one `textContent` call. A place elsewhere is found by the first pass.
 */
export function titleHasPlace(doc: Document, sieve: RegExp): boolean {
  const title = doc.title;
  if (!title) return false;
  // The expression's parts are searched until one finds a place, as one expression stopped at its first:
  // searching on would have V8 compile the part that found it to machine code here (2–3 ms more on a page
  // whose title has a place), which the first pass does when it needs it.
  return hasPlace(sieve, paddedForSieve(title));
}

import { BUNDLED_SIEVE } from 'virtual:factcontext/bundled-pack-id';
import { sieveExpression } from '../core/match/sieve';
import { readForPageLoad } from '../storage/page-load';
import { mark, measureSince } from './mark';
import { titleHasPlace } from './title';

/**
 * What a page load starts while this module is evaluated: the content script imports it first, so that
 * storage's answers overlap with evaluating the rest of the bundle (about 20 ms here) instead of following
 * it. No script of ours runs before the page's HTML is parsed: one at document_start would hold up the
 * page's parsing (see docs/performance.md, "Nothing of ours before the page is parsed").
 */
mark('factcontext:reads-started');

/** The storage reads: the site's settings and the imported packs at once, the bundled pack's copy when asked. */
export const pageLoadReads = readForPageLoad();

/**
 * The bundled pack's sieve, carried by this script (null: the pack has none, or it cannot be made, which the
 * unit tests rule out for the bundled pack; the pack is then loaded at once and every block matched).
 */
export const bundledSieve = makeSieve(BUNDLED_SIEVE);

function makeSieve(source: string | null): RegExp | null {
  if (source === null) return null;
  try {
    return sieveExpression(source);
  } catch (err) {
    console.error('factcontext: the bundled pack’s sieve is unusable; every block is matched', err);
    return null;
  }
}

// In the top frame, a place in the page's title starts the read of the pack's copy now:
// storage answers in 13–30 ms while a page loads, and the first pass, which would otherwise ask once it finds
// a place, starts only after the page's first frame. Elsewhere the pass asks (src/content/engine), and a page
// without a place never reads the copy. The look is measured (`factcontext:title`): the benchmark counts it
// with the scan's busy time (it compiles the sieve's expression, which the pass would otherwise do).
if (bundledSieve && window === window.top) {
  const start = performance.now();
  try {
    const found = titleHasPlace(document, bundledSieve);
    if (found) {
      // A page whose title has a place is likely to have phrases: its body is read at once too.
      void pageLoadReads.bundledPack();
      void pageLoadReads.bundledPackBody();
      mark('factcontext:copy-read-early');
    }
    measureSince('factcontext:title', start, { found });
  } catch (err) {
    // Never fatal: the pass finds the places itself.
    console.error('factcontext: could not search the page’s title', err);
  }
}

import { mark } from './mark';
import { readForPageLoad } from '../storage/page-load';

/**
 * The storage reads a page load waits for, started while this module is evaluated (the content script
 * imports it first, so that the round trip overlaps with evaluating the rest of the bundle instead of
 * following it). No script of ours runs before the page's HTML is parsed: one at document_start would hold
 * up the page's parsing (see docs/performance.md, "Nothing of ours before the page is parsed").
 */
mark('factcontext:reads-started');
export const pageLoadReads = readForPageLoad(undefined, window === window.top);

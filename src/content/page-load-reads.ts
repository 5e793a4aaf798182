import { readForPageLoad } from '../storage/page-load';

/**
 * The storage reads a page load waits for, started while the module is evaluated. The content script
 * imports this module first, so the round trip to storage overlaps with evaluating (and parsing) the rest
 * of the bundle instead of following it.
 */
export const pageLoadReads = readForPageLoad();

import { takeEarlyReads } from '../storage/early-reads';
import { mark } from './mark';
import { readForPageLoad } from '../storage/page-load';

/**
 * The storage reads a page load waits for. Normally the document_start script (entrypoints/early-reads.ts)
 * started them as the document began to load and they are taken here; otherwise they start while this
 * module is evaluated (the content script imports it first, so that the round trip overlaps with evaluating
 * the rest of the bundle instead of following it).
 */
const early = takeEarlyReads();
// Which of the two happened, for the page's performance timeline (and the tests).
mark(early ? 'factcontext:reads-from-document-start' : 'factcontext:reads-started-late');
export const pageLoadReads = readForPageLoad(undefined, early, window === window.top);

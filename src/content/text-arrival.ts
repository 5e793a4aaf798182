/** Text worth scanning: two non-space characters in a row, as the engine asks of a block. */
const TEXT = /\S\S/;
/** Elements whose text is never scanned. */
const NO_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE']);

/**
 * Whether `root` holds text to scan, or an element that could render some from a shadow tree (a custom
 * element, or a shadow host already). Stops at the first it finds.
 */
function holdsText(root: Node): boolean {
  if (root.nodeType === Node.TEXT_NODE)
    return TEXT.test((root as Text).data) && !NO_TEXT.has(root.parentNode?.nodeName ?? '');
  if (root.nodeType !== Node.ELEMENT_NODE && root.nodeType !== Node.DOCUMENT_NODE) return false;
  // The walker's filter is not asked about its root.
  if (NO_TEXT.has(root.nodeName)) return false;
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(
    root,
    NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
    (node) =>
      node.nodeType === Node.ELEMENT_NODE && NO_TEXT.has(node.nodeName)
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  );
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (TEXT.test((node as Text).data)) return true;
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const el = node as Element;
      if (el.localName.includes('-') || el.shadowRoot) return true;
    }
  }
  return false;
}

/**
 * Resolves once the document has text to scan: at once if it has some, else when some arrives. Frames are
 * often empty (an ad's about:blank or srcdoc frame, a tracking pixel's frame), and the content script runs
 * in every one of them; in those, nothing more is done (no stored data parsed, no matcher, no engine, no
 * message to the background) until text turns up, if it ever does. `waiting` tells whether it had to wait;
 * `stop` ends the wait without resolving.
 */
export function whenDocumentHasText(doc: Document): { waiting: boolean; ready: Promise<void>; stop(): void } {
  if (holdsText(doc)) return { waiting: false, ready: Promise.resolve(), stop: () => {} };
  let observer: MutationObserver | null = null;
  const ready = new Promise<void>((resolve) => {
    observer = new MutationObserver((records) => {
      const found = records.some((record) =>
        record.type === 'characterData'
          ? holdsText(record.target)
          : Array.prototype.some.call(record.addedNodes, holdsText),
      );
      if (!found) return;
      observer!.disconnect();
      resolve();
    });
    observer.observe(doc, { childList: true, subtree: true, characterData: true });
  });
  return { waiting: true, ready, stop: () => observer?.disconnect() };
}

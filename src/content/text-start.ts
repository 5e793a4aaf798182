/**
 * Whether the sieve finds a place in the first `maxChars` or so characters of the document's text (its
 * text nodes' data joined as `textContent` joins them, up to the node that reaches `maxChars`). A quick
 * look, made before the page engine's first pass: a place there starts the read of the pack's copy while
 * the rest of the content script is evaluated. It reads no more than `maxChars` plus one node, so a huge
 * page costs no more than a small one; a place further on is found by the pass, as on any page.
 */
export function textStartHasPlace(doc: Document, sieve: RegExp, maxChars: number): boolean {
  const root = doc.body ?? doc.documentElement;
  if (!root) return false;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  let length = 0;
  for (let node = walker.nextNode(); node !== null && length < maxChars; node = walker.nextNode()) {
    const data = (node as Text).data;
    parts.push(data);
    length += data.length;
  }
  if (length === 0) return false;
  // The sieve is global (`g`): its search starts at lastIndex, which is left as found.
  sieve.lastIndex = 0;
  const found = sieve.test(parts.join(''));
  sieve.lastIndex = 0;
  return found;
}

/**
 * Elements in a subtree, counted by the browser. A walk in script touches every element, and the page's
 * script world makes an object for each the first time it is touched: on the generated 5 M-character page,
 * naming a highlighted paragraph cost 1–2 ms that way. `item(k)` goes only as far as the k+1-th element,
 * so a count with a limit stops there instead of walking a large page whole (73,054 elements there, 6–16 ms
 * each time in a step that can't be interrupted).
 */

/** The element and its descendant elements, counted up to `limit` (the count stops there). */
export function elementsIn(el: Element, limit: number): number {
  if (limit <= 1 || el.firstElementChild === null || typeof el.getElementsByTagName !== 'function') return 1;
  const below = el.getElementsByTagName('*');
  if (limit !== Infinity && below.item(limit - 2) !== null) return limit;
  return below.length + 1;
}

/** Whether `root` holds at least `n` elements below it (itself not counted). */
export function hasElementsBelow(root: Element, n: number): boolean {
  return n <= 0 || elementsIn(root, n + 1) > n;
}

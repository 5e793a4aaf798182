/** Document order across shadow trees: a node's path of tree-local ancestors, outermost tree first. */
function treePath(node: Node): Node[] {
  const path: Node[] = [node];
  for (let root = node.getRootNode(); root.nodeType === Node.DOCUMENT_FRAGMENT_NODE && (root as ShadowRoot).host;) {
    const host = (root as ShadowRoot).host;
    path.push(host);
    root = host.getRootNode();
  }
  return path.reverse();
}

/**
 * Compares two boundary points in document order, where a shadow tree's content sits at its host's
 * position (before the host's light children). Returns <0, 0 or >0.
 */
export function compareBoundary(aNode: Node, aOffset: number, bNode: Node, bOffset: number): number {
  if (aNode === bNode) return aOffset - bOffset;
  const aRoot = aNode.getRootNode();
  if (aRoot === bNode.getRootNode()) return compareInTree(aNode, bNode);
  const a = treePath(aNode);
  const b = treePath(bNode);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length) return -1; // a is a host of b's tree: the shadow content follows the host itself
  if (i === b.length) return 1;
  return compareInTree(a[i]!, b[i]!);
}

function compareInTree(a: Node, b: Node): number {
  if (a === b) return 0;
  const pos = a.compareDocumentPosition(b);
  if (pos & Node.DOCUMENT_POSITION_CONTAINED_BY) return -1;
  if (pos & Node.DOCUMENT_POSITION_CONTAINS) return 1;
  if (pos & Node.DOCUMENT_POSITION_FOLLOWING) return -1;
  if (pos & Node.DOCUMENT_POSITION_PRECEDING) return 1;
  return 0;
}

export function compareRanges(a: AbstractRange, b: AbstractRange): number {
  return compareBoundary(a.startContainer, a.startOffset, b.startContainer, b.startOffset);
}

/** True when `node` is `root` or inside it, looking through shadow hosts. */
export function containsComposed(root: Node, node: Node): boolean {
  for (let n: Node | null = node; n;) {
    if (n === root) return true;
    const parent: Node | null = n.parentNode;
    if (parent) n = parent;
    else n = n.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? ((n as ShadowRoot).host ?? null) : null;
  }
  return false;
}

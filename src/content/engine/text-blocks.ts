/** A run of text from one block-level element, made of the text nodes inside it in document order. */
export interface TextBlock {
  text: string;
  nodes: Text[];
  /** starts[i] is the offset of nodes[i] within text. */
  starts: number[];
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'CODE', 'PRE', 'SVG']);

function isBlockBoundary(el: Element): boolean {
  const display = el.ownerDocument.defaultView?.getComputedStyle(el).display ?? 'block';
  return !display.startsWith('inline') && display !== 'contents';
}

/** Collects the text blocks under root. A phrase split across inline elements stays in one block. */
export function collectBlocks(root: Node): TextBlock[] {
  const blocks: TextBlock[] = [];
  const blockOf = new Map<Element, TextBlock>();
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      for (let el = node.parentElement; el; el = el.parentElement) {
        if (SKIP.has(el.tagName.toUpperCase()) || (el as HTMLElement).isContentEditable)
          return NodeFilter.FILTER_REJECT;
        if (el.hasAttribute('data-factcontext-ui')) return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    let owner = node.parentElement;
    while (owner && owner.parentElement && !isBlockBoundary(owner)) owner = owner.parentElement;
    if (!owner) continue;
    let block = blockOf.get(owner);
    if (!block) {
      block = { text: '', nodes: [], starts: [] };
      blockOf.set(owner, block);
      blocks.push(block);
    }
    block.starts.push(block.text.length);
    block.nodes.push(node);
    block.text += node.data;
  }
  return blocks;
}

/** Maps a [start, end) span of a block's text to a DOM Range. */
export function rangeFor(block: TextBlock, start: number, end: number): Range {
  const range = new Range();
  const locate = (offset: number, preferNext: boolean): [Text, number] => {
    let lo = 0;
    let hi = block.nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const s = block.starts[mid]!;
      if (s < offset || (s === offset && preferNext)) lo = mid;
      else hi = mid - 1;
    }
    return [block.nodes[lo]!, offset - block.starts[lo]!];
  };
  const [startNode, startOffset] = locate(start, true);
  const [endNode, endOffset] = locate(end, false);
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  return range;
}

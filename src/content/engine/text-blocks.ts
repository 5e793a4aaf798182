/**
 * The page's text model: runs of text nodes that read as one piece of text (a "block"), so a phrase
 * split across inline elements (`<a>Belarusian</a> <em>tanks</em>`) is matched as one.
 *
 * Block-ness comes from a table of inline tag names, never from getComputedStyle (which would force a
 * style recalculation on large pages). Everything not in the table is a block; `<br>`, skipped elements
 * and block elements split runs.
 */

/** A run of text from one block-level element, made of the text nodes inside it in document order. */
export interface TextBlock {
  text: string;
  nodes: Text[];
  /** starts[i] is the offset of nodes[i] within text. */
  starts: number[];
  /** The nearest non-inline ancestor of the nodes (or the shadow root / document fragment holding them). */
  owner: Node;
}

/** Elements whose text flows inline with their parent's text. */
export const INLINE_TAGS: ReadonlySet<string> = new Set([
  'A',
  'ABBR',
  'ACRONYM',
  'B',
  'BDI',
  'BDO',
  'BIG',
  'CITE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'KBD',
  'LABEL',
  'MARK',
  'NOBR',
  'Q',
  'RB',
  'RP',
  'RT',
  'RUBY',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
  'IMG',
  'PICTURE',
  'SOURCE',
]);

/** Elements whose subtree is never scanned (not prose, or the reader's own input). */
export const SKIP_TAGS: ReadonlySet<string> = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'OPTGROUP',
  'DATALIST',
  'CODE',
  'PRE',
  'KBD',
  'SAMP',
  'SVG',
  'svg',
  'MATH',
  'math',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'HEAD',
  'TITLE',
  'FACTCONTEXT-UI',
]);

/**
 * True when an element's subtree must not be scanned: non-prose tags, `[hidden]`, contenteditable
 * regions and the extension's own UI host. `aria-hidden="true"` content is still scanned: it is often
 * visible (decorative duplicates), and highlights are a visual aid.
 */
export function isSkipped(el: Element): boolean {
  if (SKIP_TAGS.has(el.tagName)) return true;
  return el.hasAttributes() && isSkippedByAttribute(el);
}

function isSkippedByAttribute(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.hasAttribute('data-factcontext-ui')) return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

export function isInline(el: Element): boolean {
  return INLINE_TAGS.has(el.tagName);
}

/** The nearest ancestor of a node that is a block (or the enclosing shadow root / document). */
export function blockOwnerOf(node: Node): Node {
  let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (el && INLINE_TAGS.has(el.tagName)) {
    if (!el.parentElement) return el.parentNode ?? el;
    el = el.parentElement;
  }
  return el ?? node.parentNode ?? node;
}

/** True when a node sits inside a skipped subtree (climbs ancestors; used for mutation records only). */
export function isInsideSkipped(node: Node): boolean {
  for (let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement; el;) {
    if (isSkipped(el)) return true;
    if (el.parentElement) el = el.parentElement;
    else {
      const root = el.parentNode;
      el = root && root.nodeType === Node.DOCUMENT_FRAGMENT_NODE ? ((root as ShadowRoot).host ?? null) : null;
    }
  }
  return false;
}

/** Elements whose attributes may keep their subtree from being scanned (`isSkippedByAttribute` decides). */
const SKIPPED_BY_ATTRIBUTE = '[hidden],[data-factcontext-ui],[contenteditable]';

/** What a tag means to the walk, from one lookup: 0 block (the default), 1 inline, 2 skipped. */
const TAG_KIND = new Map<string, number>();
for (const tag of INLINE_TAGS) TAG_KIND.set(tag, 1);
for (const tag of SKIP_TAGS) TAG_KIND.set(tag, 2);

/**
 * Walks one or more roots incrementally (resumable between time slices) and emits text blocks in
 * document order. Open shadow roots are walked in place of their host's position.
 *
 * This is the scan's hot loop, so each node costs as few calls into the DOM as possible: one `tagName`
 * and one `shadowRoot` read per element, none beyond `data` and `parentNode` per text node. Elements
 * skipped for their attributes (`[hidden]`, contenteditable, our UI) are found up front with one
 * `querySelectorAll` per root, instead of reading three attributes of every element.
 */
export class BlockWalker {
  private stack: { walker: TreeWalker; root: Node; skipped: Set<Element> | null; shallow: boolean }[] = [];
  private current: TextBlock | null = null;
  private boundary = true;
  private pending: Node | null = null;
  /** The parent of the last text node and the block it belongs to (text nodes come in runs of siblings). */
  private lastParent: Node | null = null;
  private lastOwner: Node | null = null;
  /** Text nodes visited and characters read so far. */
  nodes = 0;
  chars = 0;

  constructor(
    roots: readonly Node[],
    private readonly emit: (block: TextBlock) => void,
    private readonly onShadowRoot: (root: ShadowRoot) => void = () => {},
    /** False when shadow trees are found and walked by the caller (SieveFinder): hosts only split blocks. */
    private readonly descendShadows = true,
  ) {
    this.addRoots(roots, false);
  }

  /**
   * Adds roots to walk once the walk so far is done (`done`). A shallow root is an owner of blocks: only
   * its own blocks are read (its text and inline elements), not those of block elements inside it.
   */
  addRoots(roots: readonly Node[], shallow: boolean): void {
    // Pushed in reverse so the first root is walked first.
    for (let i = roots.length - 1; i >= 0; i--) this.push(roots[i]!, shallow);
  }

  get done(): boolean {
    return this.stack.length === 0;
  }

  private push(root: Node, shallow: boolean): void {
    const doc = root.ownerDocument ?? (root as Document);
    let skipped: Set<Element> | null = null;
    const query = (root as ParentNode).querySelectorAll;
    // A shallow root's few inline elements are checked as they come (see run()).
    if (!shallow && typeof query === 'function') {
      const found = (root as ParentNode).querySelectorAll(SKIPPED_BY_ATTRIBUTE);
      for (let i = 0; i < found.length; i++)
        if (isSkippedByAttribute(found[i]!)) (skipped ??= new Set()).add(found[i]!);
    }
    this.stack.push({
      walker: doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT),
      root,
      skipped,
      shallow,
    });
  }

  private flush(): void {
    if (this.current) this.emit(this.current);
    this.current = null;
  }

  /** Moves past the current node's subtree; returns the next node or null at the end of this walker. */
  private static skipSubtree(walker: TreeWalker): Node | null {
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling) return sibling;
      if (!walker.parentNode()) return null;
    }
  }

  /**
   * Walks until `shouldYield()` says stop (checked every few dozen nodes) or everything is walked.
   * Returns true when done.
   */
  run(shouldYield: () => boolean): boolean {
    let budget = 0;
    while (this.stack.length) {
      const top = this.stack[this.stack.length - 1]!;
      const walker = top.walker;
      const skipped = top.skipped;
      let node: Node | null = this.pending ?? walker.nextNode();
      this.pending = null;
      let descended = false;
      while (node) {
        if ((++budget & 63) === 0 && shouldYield()) {
          this.pending = node;
          return false;
        }
        if (node.nodeType === 3) {
          const text = node as Text;
          const data = text.data;
          this.nodes++;
          this.chars += data.length;
          const parent = text.parentNode!;
          let owner = this.lastOwner!;
          if (parent !== this.lastParent) {
            owner = parent;
            if (parent.nodeType === 1 && TAG_KIND.get((parent as Element).tagName) === 1) {
              // Usually a link or emphasis right inside the block being read: one call to confirm it.
              const up = parent.parentNode;
              owner = up !== null && up === this.current?.owner ? up : blockOwnerOf(parent);
            }
            this.lastParent = parent;
            this.lastOwner = owner;
          }
          let block = this.current;
          if (!block || this.boundary || block.owner !== owner) {
            this.flush();
            block = this.current = { text: data, nodes: [text], starts: [0], owner };
            this.boundary = false;
          } else {
            block.starts.push(block.text.length);
            block.nodes.push(text);
            block.text += data;
          }
          node = walker.nextNode();
          continue;
        }
        const el = node as Element;
        const kind = TAG_KIND.get(el.tagName);
        if (
          kind === 2 ||
          (skipped !== null
            ? skipped.has(el)
            : top.shallow && kind === 1 && el.hasAttributes() && isSkippedByAttribute(el))
        ) {
          this.boundary = true;
          node = BlockWalker.skipSubtree(walker);
          continue;
        }
        if (kind !== 1) {
          this.boundary = true;
          if (top.shallow) {
            // Another block's owner: its text is not this root's to read.
            node = BlockWalker.skipSubtree(walker);
            continue;
          }
        }
        const shadow = (el as HTMLElement).shadowRoot;
        if (shadow && !this.descendShadows) this.boundary = true;
        else if (shadow) {
          // The shadow tree renders at the host's position: walk it now, then the host's light children.
          this.boundary = true;
          this.onShadowRoot(shadow);
          this.push(shadow, false);
          descended = true;
          break;
        }
        node = walker.nextNode();
      }
      if (!descended) {
        this.stack.pop();
        this.boundary = true;
      }
    }
    this.flush();
    return true;
  }
}

/** Collects every text block under the roots synchronously. */
export function collectBlocks(root: Node | readonly Node[]): TextBlock[] {
  const blocks: TextBlock[] = [];
  new BlockWalker(Array.isArray(root) ? root : [root as Node], (b) => blocks.push(b)).run(() => false);
  return blocks;
}

/** Index of the node holding `offset` (binary search over starts). At a node boundary, preferNext picks the later node. */
export function locateOffset(starts: readonly number[], offset: number, preferNext: boolean): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = starts[mid]!;
    if (s < offset || (s === offset && preferNext)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Maps a [start, end) span of a block's text to a DOM Range. */
export function rangeFor(block: TextBlock, start: number, end: number): Range {
  const doc = block.nodes[0]!.ownerDocument;
  const range = doc.createRange();
  const a = locateOffset(block.starts, start, true);
  const b = locateOffset(block.starts, end, false);
  range.setStart(block.nodes[a]!, start - block.starts[a]!);
  range.setEnd(block.nodes[b]!, end - block.starts[b]!);
  return range;
}

/** The text nodes a [start, end) span touches. */
export function nodesFor(block: TextBlock, start: number, end: number): Text[] {
  const a = locateOffset(block.starts, start, true);
  const b = locateOffset(block.starts, end, false);
  return block.nodes.slice(a, b + 1);
}

/** One piece of a long text handed to the matcher: [start, end) of the text, of which [coreStart, coreEnd) is its own. */
export interface Chunk {
  start: number;
  end: number;
  coreStart: number;
  coreEnd: number;
}

const isSpace = (code: number): boolean =>
  code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0x2028 || code === 0x2029 || code === 0x3000;

/** The first whitespace position at or after `from` (searching at most `limit` characters), else -1. */
function nextSpace(text: string, from: number, limit: number): number {
  const stop = Math.min(text.length, from + limit);
  for (let i = from; i < stop; i++) if (isSpace(text.charCodeAt(i))) return i;
  return -1;
}

/**
 * How far a match may reach past where it is looked for: the context a chunk carries past its own part
 * (`chunkText`), and the text kept on each side of a place (`placeWindows`).
 */
export const MATCH_REACH = 256;

/** The last whitespace position before `from` (searching at most `limit` characters back), else -1. */
function previousSpace(text: string, from: number, limit: number): number {
  const stop = Math.max(0, from - limit);
  for (let i = from - 1; i >= stop; i--) if (isSpace(text.charCodeAt(i))) return i;
  return -1;
}

/**
 * The parts of `text` (of its span [from, to), a chunk) to match around `places` (ascending offsets in the
 * span where the sieve found a place): `reach` characters on each side of a place, widened to the nearest
 * whitespace (within another `reach`), merged where they meet. A match holds the place of its key
 * (core/match/sieve.ts); one of at most `reach` characters, the same bound `chunkText` gives a match
 * across its chunks, lies whole in one part, with every word it is made of.
 */
export function placeWindows(
  text: string,
  places: readonly number[],
  reach = MATCH_REACH,
  from = 0,
  to = text.length,
): { start: number; end: number }[] {
  const parts: { start: number; end: number }[] = [];
  for (const p of places) {
    let start = Math.max(from, p - reach);
    if (start > from) {
      const s = previousSpace(text, start + 1, Math.min(reach, start + 1 - from));
      if (s >= 0) start = s;
    }
    let end = Math.min(to, p + reach);
    if (end < to) {
      const s = nextSpace(text, end, Math.min(reach, to - end));
      if (s >= 0) end = s;
    }
    const last = parts[parts.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else parts.push({ start, end });
  }
  return parts;
}

/**
 * Splits a long text into chunks of about `size` characters for matching. Core boundaries fall on
 * whitespace where there is any nearby; each chunk carries `context` extra characters on both sides
 * (also cut at whitespace), so a phrase across a core boundary is still found whole in the chunk where
 * it starts. A match belongs to the chunk whose core holds its start.
 */
export function chunkText(text: string, size: number, context = MATCH_REACH): Chunk[] {
  const n = text.length;
  if (n <= size) return [{ start: 0, end: n, coreStart: 0, coreEnd: n }];
  const cores: number[] = [0];
  let pos = 0;
  while (n - pos > size) {
    let cut = nextSpace(text, pos + size, Math.max(64, size >> 3));
    if (cut < 0) cut = pos + size;
    // Never cut between a surrogate pair.
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut++;
    if (cut >= n) break;
    cores.push(cut);
    pos = cut;
  }
  cores.push(n);
  const chunks: Chunk[] = [];
  for (let i = 0; i + 1 < cores.length; i++) {
    const coreStart = cores[i]!;
    const coreEnd = cores[i + 1]!;
    let start = Math.max(0, coreStart - context);
    if (start > 0) {
      const s = nextSpace(text, start, context);
      start = s >= 0 && s <= coreStart ? s : coreStart;
    }
    let end = Math.min(n, coreEnd + context);
    if (end < n) {
      const s = nextSpace(text, end, context);
      end = s >= 0 ? s : Math.min(n, end + context);
    }
    chunks.push({ start, end, coreStart, coreEnd });
  }
  return chunks;
}

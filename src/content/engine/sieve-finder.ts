import { PieceText } from '../../core/match/piece-text';
import { findPlaces } from '../../core/match/sieve';
import { elementsIn } from './element-count';
import { CUSTOM_ELEMENTS_XPATH, SHADOW_HOST_SELECTOR, SHADOW_HOST_TAGS } from './shadow-hosts';
import { blockOwnerOf, isInsideSkipped } from './text-blocks';

/**
 * The first stage of a pass when the matcher has a sieve (core/match/sieve.ts): it reads a subtree's text
 * with one native call (`textContent`), lets the sieve's regular expression find the places where a
 * pattern could start, and gives back the owners of the blocks holding them. Only those blocks are then
 * walked into text blocks (shallowly, see `BlockWalker.addRoots`) and matched: on a page about something
 * else, most of its text is read natively and never walked in script.
 *
 * Shadow trees are not in their host's `textContent`: the hosts under each subtree are looked up (one
 * `shadowRoot` read per element that may have one) and their shadow roots are sieved the same way.
 *
 * Resumable between time slices, like `BlockWalker`. The places are offsets into the text as it was read:
 * should the page change that subtree before they are located (`noteChange`), the subtree is read again.
 * Those in a very long text node are kept, so that the engine matches that node only around them
 * (`placesIn`) instead of searching it again.
 */

/** Characters the sieve reads in one call (it can't be interrupted inside one). */
const WINDOW = 65_536;
/**
 * Characters a window reads past its end, so that a place starting in it is found whole. Keys are a few
 * letters long; a typo-tolerant word's place spans one token, which this covers for any real word.
 */
const OVERLAP = 256;
/**
 * A piece of the text read (see `PieceText`) at least this long is searched where it lies, not copied
 * into a joined window; shorter ones (whitespace between sections, a short paragraph) are joined with
 * their neighbours, as a search of each would cost more than the copy.
 */
const IN_PLACE_MIN = 1_024;
/**
 * More places than one per this many characters: the subtree is about the pack's subject, so it is walked
 * whole instead of finding the nodes of every place.
 */
const DENSE = 400;
/** Times a subtree is read again because the page changed it meanwhile, before it is walked whole. */
const MAX_REREADS = 2;
/**
 * Style sheets and scripts (code or data) hold only text, often a lot of it, and are never scanned: on
 * real pages they are often most of `body.textContent` (531,405 of breitbart's 590,078 characters are
 * CSS; with their scripts kept, yahoo-1's body holds 969,292 characters of script and 62,334 of text).
 * One holding at least CUT_MIN characters is left out of the text read, so the sieve neither reads nor
 * searches it; smaller ones are cheaper to read than to cut out. Only these two tags: looking for more
 * (noscript, textarea, pre, code) made the query that finds them about 1.5× slower on a 10,000-element
 * page, for elements rarely long on news pages.
 */
const CUT_SELECTOR = 'script,style';
const CUT_MIN = 512;
/**
 * An element with more elements than this under it is read child by child, each a step of its own,
 * instead of with one native call: such a call can't be interrupted, and Chromium joins the text of many
 * nodes at about 16–20 ns a character (500,000 characters in two text nodes took 8 ms, in one 0.1 ms). The
 * generated 5 M page, read whole, made one slice of 36–73 ms. Counting costs one native traversal, which
 * stops past this bound and HOST_QUERY_MAX_ELEMENTS (`elementsIn`).
 */
const READ_WHOLE_MAX_ELEMENTS = 8_192;
/**
 * The shadow-host queries (one CSS selector, one XPath expression) run over a subtree of at most this many
 * elements at once: bounded, and not repeated for every piece read (a thousand small queries on
 * wikipedia-2 cost more than one).
 */
const HOST_QUERY_MAX_ELEMENTS = 16_384;

const NO_NODES: readonly Node[] = [];

/** A static list of elements. */
interface HostList {
  length: number;
  item(i: number): Element;
}

type Phase = 'start' | 'read' | 'sieve' | 'locate' | 'locate-back' | 'hosts';

/** Text nodes as `textContent` joins them (CDATA sections count in XML documents). */
const TEXT_NODES = 0x4 | 0x8; // NodeFilter.SHOW_TEXT | NodeFilter.SHOW_CDATA_SECTION

export class SieveFinder {
  /** Roots still to sieve (shadow roots are added as they are found), and the one being sieved. */
  private readonly roots: Node[];
  private root: Node | null = null;
  private phase: Phase = 'start';
  /** The root's text as read, while the sieve searches it. */
  private text: PieceText | null = null;
  /**
   * While reading: nodes still to read (the next last), the text read so far (in the pieces read, a
   * subtree read around cut-out elements giving one for each stretch between them), and the cut-outs.
   */
  private toRead: Node[] = [];
  /** The subtree whose shadow hosts are already being looked up, if any. */
  private hostsCovered: Node | null = null;
  private pieces: string[] = [];
  private cuts: readonly Element[] = [];
  private nextCut = 0;
  /** Index in `cutTexts` of each cut-out element's first text node. */
  private cutTextFrom: number[] = [];
  /**
   * The nodes read with one call each (a text node, or a subtree read whole), with the offset where each
   * one's text ends and the index in `cutTexts` of the first cut-out text at or after its start. When there
   * are several, a place is located by walking only the piece that holds it.
   */
  private pieceNodes: Node[] = [];
  private pieceEnds: number[] = [];
  private pieceCuts: number[] = [];
  private piece = 0;
  private pos = 0;
  private places: number[] = [];
  /** Length of the root's text as read. */
  private length = 0;
  /**
   * Text nodes left out of the text read (the contents of `rawTextCuts`), in document order, and the
   * index of the next one the locating walk will meet.
   */
  private cutTexts: readonly Node[] = NO_NODES;
  private cut = 0;
  /** Places [0, split) are located walking forwards from the start, the rest backwards from the end. */
  private split = 0;
  private walker: TreeWalker | null = null;
  private offset = 0;
  private next = 0;
  private lastParent: Node | null = null;
  private lastSkipped = false;
  private lastOwner: Node | null = null;
  /** Elements under the root that may have a shadow root, found as it is read, and those read so far. */
  private hosts: HostList[] = [];
  private selfHosts: Element[] = [];
  private hostList = 0;
  private hostIndex = 0;
  /** The page changed the root since its text was read; and how often that happened to this root. */
  private stale = false;
  private rereads = 0;
  /** Owners of the blocks to walk, in the order found; each owner once per root. */
  readonly owners: Node[] = [];
  private readonly seen = new Set<Node>();
  /** Owners of long text nodes whose places are still being located, given out with them. */
  private heldOwners: Node[] = [];
  /** Owners to walk whole (a subtree with too many places). */
  readonly wholeRoots: Node[] = [];
  /** Characters read natively, and text nodes visited to locate places. */
  chars = 0;
  nodes = 0;
  /**
   * The places in each long text node (offsets into its text), so that its block is matched only around
   * them without being sieved again; kept while the page leaves the node alone. They are gathered in
   * `locating` while the root's places are located (forwards, then backwards, over several slices) and
   * given out only once that is done: the engine may walk a node's block as soon as its owner is found,
   * and a partial list would lose the matches around the places still to come.
   */
  private readonly longNodes = new Map<Text, { length: number; places: number[] }>();
  private readonly locating = new Map<Text, { length: number; places: number[] }>();

  private readonly readWholeMax: number;
  private readonly hostQueryMax: number;
  /** Past this many elements, a subtree is neither read whole nor queried for hosts at once: counting stops. */
  private readonly countMax: number;
  private readonly longNode: number;

  constructor(
    roots: readonly Node[],
    private readonly sieve: RegExp,
    private readonly onShadowRoot: (root: ShadowRoot) => void,
    /**
     * Other bounds than READ_WHOLE_MAX_ELEMENTS and HOST_QUERY_MAX_ELEMENTS (tests use small pages); and
     * the length over which a text node's places are kept (`placesIn`; none without it).
     */
    limits: { readWholeMax?: number; hostQueryMax?: number; keepPlacesOver?: number } = {},
    /**
     * Called as the sieve finds places in a window of text, before they are located: whatever the places
     * need (the page engine loads its matcher) can be on its way while the finder walks to them.
     */
    private readonly onPlaces: () => void = () => {},
  ) {
    this.roots = [...roots].reverse();
    this.readWholeMax = limits.readWholeMax ?? READ_WHOLE_MAX_ELEMENTS;
    this.hostQueryMax = limits.hostQueryMax ?? HOST_QUERY_MAX_ELEMENTS;
    this.countMax = Math.max(this.readWholeMax, this.hostQueryMax) + 1;
    this.longNode = limits.keepPlacesOver ?? Infinity;
  }

  /**
   * The places the sieve found in a text node longer than `keepPlacesOver` (ascending offsets into its text),
   * or null when unknown: not read, read whole with a dense subtree, in a skipped subtree, or changed by
   * the page since. A place is where the sieve's expression matches; as it looks at no character before
   * that, the sieve run over the node's text alone finds no place these do not hold.
   */
  placesIn(node: Text): readonly number[] | null {
    const entry = this.longNodes.get(node);
    if (!entry || entry.length !== node.length) return null;
    return entry.places;
  }

  /** Keeps the places [from, to) of `places` found in a long text node that starts at `start` in the text read. */
  private keepPlaces(node: Text, start: number, from: number, to: number): void {
    if (node.length <= this.longNode || from >= to) return;
    let entry = this.locating.get(node);
    if (!entry) {
      entry = { length: node.length, places: [] };
      this.locating.set(node, entry);
    }
    // A node's places may come in two runs, forwards and then backwards: in ascending order still.
    for (let i = from; i < to; i++) entry.places.push(this.places[i]! - start);
  }

  get done(): boolean {
    return this.root === null && this.roots.length === 0;
  }

  /** Works until `shouldYield()` says stop or every root is sieved; true when done. */
  run(shouldYield: () => boolean): boolean {
    // At least one step per call, so that a pass always moves on, however slow its slices.
    for (let first = true; ; first = false) {
      if (this.root === null) {
        const root = this.roots.pop();
        if (root === undefined) return true;
        this.root = root;
        this.phase = 'start';
        this.rereads = 0;
        this.stale = false;
      }
      if (!first && shouldYield()) return false;
      if (this.stale) this.reread();
      if (this.phase === 'start') this.start();
      else if (this.phase === 'read') this.readStep();
      else if (this.phase === 'sieve') this.sieveWindow();
      else if (this.phase === 'locate') {
        if (!this.locate(shouldYield)) return false;
      } else if (this.phase === 'locate-back') {
        if (!this.locateBack(shouldYield)) return false;
      } else if (!this.findHosts(shouldYield)) return false;
    }
  }

  /**
   * The page changed `target` (a mutation record's target). If that is inside the subtree whose text was
   * read and whose places are not all located yet, their offsets may be wrong now.
   */
  noteChange(target: Node): void {
    for (const kept of [this.longNodes, this.locating])
      for (const node of kept.keys()) if (target === node || target.contains(node)) kept.delete(node);
    const root = this.root;
    const phase = this.phase;
    const reading = phase === 'read' || phase === 'sieve' || phase === 'locate' || phase === 'locate-back';
    if (!root || this.stale || !reading) return;
    if (root === target || root.contains(target)) this.stale = true;
  }

  /** Reads a changed root again; a root that keeps changing is walked whole, which needs no offsets. */
  private reread(): void {
    this.stale = false;
    this.locating.clear();
    // Not lost: walked now, their long nodes are sieved again (`placesIn` knows none of their places).
    this.releaseHeldOwners();
    this.walker = null;
    this.places = [];
    this.text = null;
    this.toRead = [];
    this.pieces = [];
    this.cutTexts = NO_NODES;
    if (++this.rereads > MAX_REREADS) {
      this.wholeRoots.push(this.root!);
      this.hosts = candidateHosts(this.root!);
      this.hostList = 0;
      this.hostIndex = 0;
      this.phase = 'hosts';
    } else this.phase = 'start';
  }

  private start(): void {
    const root = this.root!;
    const cuts = rawTextCuts(root);
    this.cutTexts = cuts.length === 0 ? NO_NODES : cuts.flatMap((el) => [...el.childNodes]);
    this.cutTextFrom = [0];
    for (const cut of cuts)
      this.cutTextFrom.push(this.cutTextFrom[this.cutTextFrom.length - 1]! + cut.childNodes.length);
    this.cuts = cuts;
    this.nextCut = 0;
    this.pieces = [];
    this.pieceNodes = [];
    this.pieceEnds = [];
    this.pieceCuts = [];
    this.toRead = [root];
    this.hosts = [];
    this.selfHosts = [];
    this.hostsCovered = null;
    this.hostList = 0;
    this.hostIndex = 0;
    this.phase = 'read';
  }

  /**
   * Reads the next node to read: whole (one native call), or, for an element with many elements under it,
   * by putting its children in its place. The pieces join into the text `textContent` would give, without
   * the cut-out elements' text. The elements that may be shadow hosts are looked up in the same pieces, so
   * that no query runs over a whole large subtree either (on the generated 5 M page, one took 48–50 ms).
   */
  private readStep(): void {
    const node = this.toRead.pop()!;
    const cuts = this.cuts;
    const cutsBefore = this.nextCut;
    const type = node.nodeType;
    let elements = 0;
    let length = -1;
    if (isText(node)) {
      // Never a cut-out element's text: those are left whole, below.
      length = this.readPiece((node as Text).data);
    } else if (type === 1 && node === cuts[this.nextCut]) {
      this.nextCut++;
    } else if (type === 1 && (elements = elementsIn(node as Element, this.countMax)) > this.readWholeMax) {
      this.splitIntoChildren(node as Element, elements);
    } else if (type === 1 || type === 11 || type === 9) {
      let end = this.nextCut;
      while (end < cuts.length && node.contains(cuts[end]!)) end++;
      if (end === this.nextCut) length = this.readPiece(node.textContent ?? '');
      else {
        length = 0;
        for (const stretch of textBetween(node, cuts.slice(this.nextCut, end))) length += this.readPiece(stretch);
      }
      this.nextCut = end;
      if (type === 1) this.lookForHosts(node as Element, true);
      else this.hosts.push(...candidateHosts(node));
    }
    // Comments and processing instructions hold no text of the page.
    if (length >= 0) {
      this.pieceNodes.push(node);
      this.pieceEnds.push((this.pieceEnds[this.pieceEnds.length - 1] ?? 0) + length);
      this.pieceCuts.push(this.cutTextFrom[cutsBefore]!);
    }
    if (this.toRead.length > 0) return;
    this.hostsCovered = null;
    this.hosts.push(fromArray(this.selfHosts));
    this.selfHosts = [];
    this.text = new PieceText(this.pieces);
    this.pieces = [];
    this.chars += this.text.length;
    this.pos = 0;
    this.places = [];
    this.phase = 'sieve';
  }

  /** Adds text read to the root's text; its length. */
  private readPiece(text: string): number {
    this.pieces.push(text);
    return text.length;
  }

  private coveredForHosts(node: Node): boolean {
    const covered = this.hostsCovered;
    return covered !== null && covered.contains(node);
  }

  /**
   * Notes the elements that may be shadow hosts: the element itself (unless it is the root, as before), and
   * those under it when `under`, unless a query over an ancestor already covers them (then false).
   */
  private lookForHosts(el: Element, under: boolean): boolean {
    if (this.coveredForHosts(el)) return false;
    if (el !== this.root && mayHostShadow(el)) this.selfHosts.push(el);
    if (under && el.firstElementChild !== null) this.hosts.push(...candidateHosts(el));
    return true;
  }

  /**
   * Puts an element's children in its place, to be read next, each a piece of its own (a child with many
   * elements is split in turn). Reading them one by one costs a call each, but gives each piece's length:
   * a place is then located by walking its piece only. Runs of siblings read with one Range each, tried
   * too, left most of a run to walk (5 M page: 106,050 text nodes visited against 20,338).
   * Its shadow hosts are looked up here at once if it is small enough for one query.
   */
  private splitIntoChildren(el: Element, elements: number): void {
    const oneQuery = elements <= this.hostQueryMax;
    if (this.lookForHosts(el, oneQuery) && oneQuery) this.hostsCovered = el;
    for (let child = el.lastChild; child !== null; child = child.previousSibling) this.toRead.push(child);
  }

  /** Runs the sieve over the next window of the text. */
  private sieveWindow(): void {
    const text = this.text!;
    const n = text.length;
    const base = this.pos;
    const end = text.windowEnd(base, WINDOW, OVERLAP, IN_PLACE_MIN);
    const window = text.slice(base, end + OVERLAP);
    // A place starting in the overlap belongs to the next window.
    const before = this.places.length;
    for (const place of findPlaces(this.sieve, window, end - base)) this.places.push(base + place);
    if (this.places.length > before) this.onPlaces();
    this.pos = end;
    if (end < n) return;
    this.text = null;
    const places = this.places;
    if (places.length === 0) this.phase = 'hosts';
    else if (places.length > n / DENSE + 8) {
      this.wholeRoots.push(this.root!);
      this.phase = 'hosts';
    } else {
      this.length = n;
      // A subtree read whole may be walked from both ends; one read in pieces is walked piece by piece.
      const whole = this.pieceNodes.length === 1 && this.pieceNodes[0] === this.root && !isText(this.root!);
      this.split = whole ? splitAtWidestGap(places, n) : places.length;
      this.walker = null;
      this.piece = 0;
      this.next = 0;
      this.lastParent = null;
      this.lastOwner = null;
      this.phase = 'locate';
      if (this.split === 0) this.startBackwards();
    }
  }

  /** Sets the walker on the root's last text node, to locate the places after the split from the end. */
  private startBackwards(): void {
    const root = this.root!;
    const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, TEXT_NODES);
    this.walker = walker;
    this.offset = this.length;
    this.next = this.places.length - 1;
    this.cut = this.cutTexts.length - 1;
    this.lastParent = null;
    this.lastOwner = null;
    // `lastChild` skips the elements (not shown) and so lands on the last text node in the subtree.
    if (walker.lastChild()) this.phase = 'locate-back';
    else this.finishLocating();
  }

  /**
   * Finds the text node of each place before the split (text nodes in document order, their lengths summed
   * as in `textContent`) and the owner of its block: each piece holding such places (a subtree read whole is
   * one) is walked from its start to its last place, and the pieces between are skipped, their lengths known
   * from the reading. Places inside skipped elements (a script's text, a textarea, our UI) are dropped here.
   */
  private locate(shouldYield: () => boolean): boolean {
    const places = this.places;
    const last = this.split;
    const ends = this.pieceEnds;
    const cutTexts = this.cutTexts;
    let visited = 0;
    while (this.next < last) {
      if (this.walker === null) {
        // The piece holding the next place.
        let at = this.piece;
        while (at < ends.length - 1 && ends[at]! <= places[this.next]!) at++;
        this.piece = at;
        const item = this.pieceNodes[at]!;
        this.offset = at === 0 ? 0 : ends[at - 1]!;
        this.cut = this.pieceCuts[at]!;
        if (isText(item)) {
          const from = this.next;
          while (this.next < last && places[this.next]! < ends[at]!) this.next++;
          if (this.take(item as Text)) this.keepPlaces(item as Text, this.offset, from, this.next);
          continue;
        }
        this.walker = (item.ownerDocument ?? (item as Document)).createTreeWalker(item, TEXT_NODES);
      }
      // The loop runs once per text node of the page, cold: locals, not fields.
      const walker = this.walker;
      const end = ends[this.piece]!;
      let offset = this.offset;
      let next = this.next;
      let cut = this.cut;
      let cutText = cut < cutTexts.length ? cutTexts[cut]! : null;
      let place = places[next]!;
      let node: Node | null = walker.nextNode();
      for (; node !== null; node = walker.nextNode()) {
        if (node === cutText) {
          // Left out of the text read: its length is not in the offsets.
          cutText = ++cut < cutTexts.length ? cutTexts[cut]! : null;
          continue;
        }
        // `length`, not `data.length`: reading `data` would copy every node's text into a new string.
        offset += (node as Text).length;
        if (place < offset) {
          const from = next;
          while (next < last && places[next]! < offset) next++;
          if (this.take(node as Text)) this.keepPlaces(node as Text, offset - (node as Text).length, from, next);
          if (next >= last || places[next]! >= end) break;
          place = places[next]!;
        }
        if ((++visited & 255) === 0 && shouldYield()) {
          this.nodes += visited;
          this.offset = offset;
          this.next = next;
          this.cut = cut;
          return false;
        }
      }
      // The piece's last place is located (or its text ran out, had the page changed it unseen).
      if (node === null) while (next < last && places[next]! < end) next++;
      this.next = next;
      this.walker = null;
    }
    this.nodes += visited;
    if (last < places.length) this.startBackwards();
    else this.finishLocating();
    return true;
  }

  /** Like `locate`, from the last text node backwards, for the places after the split. */
  private locateBack(shouldYield: () => boolean): boolean {
    const walker = this.walker!;
    const places = this.places;
    const first = this.split;
    let end = this.offset;
    let next = this.next;
    let place = places[next]!;
    const cutTexts = this.cutTexts;
    let cut = this.cut;
    let cutText = cut >= 0 ? cutTexts[cut]! : null;
    let visited = 0;
    for (let node: Node | null = walker.currentNode; node !== null; node = walker.previousNode()) {
      if (node === cutText) {
        cutText = --cut >= 0 ? cutTexts[cut]! : null;
        continue;
      }
      const start = end - (node as Text).length;
      if (place >= start) {
        const to = next + 1;
        while (next >= first && places[next]! >= start) next--;
        place = next >= first ? places[next]! : -Infinity;
        if (this.take(node as Text)) this.keepPlaces(node as Text, start, next + 1, to);
        if (next < first) break;
      }
      end = start;
      if ((++visited & 255) === 0 && shouldYield()) {
        // Resume at the node before this one.
        if (!walker.previousNode()) break;
        this.nodes += visited;
        this.offset = end;
        this.next = next;
        this.cut = cut;
        return false;
      }
    }
    this.nodes += visited;
    this.finishLocating();
    return true;
  }

  private finishLocating(): void {
    for (const [node, entry] of this.locating) this.longNodes.set(node, entry);
    this.locating.clear();
    this.releaseHeldOwners();
    this.walker = null;
    this.places = [];
    this.cutTexts = NO_NODES;
    this.pieceNodes = [];
    this.pieceEnds = [];
    this.pieceCuts = [];
    this.phase = 'hosts';
  }

  private releaseHeldOwners(): void {
    this.owners.push(...this.heldOwners);
    this.heldOwners = [];
  }

  /** Notes the owner of a text node holding a place, unless the node is in a skipped subtree; false if it is. */
  private take(node: Text): boolean {
    const parent = node.parentNode;
    if (parent !== this.lastParent) {
      this.lastParent = parent;
      this.lastSkipped = isInsideSkipped(node);
    }
    if (this.lastSkipped) return false;
    const owner = blockOwnerOf(node);
    if (owner !== this.lastOwner && !this.seen.has(owner)) {
      this.seen.add(owner);
      // A long node's owner waits until the node's places are all located (see `placesIn`).
      if (node.length > this.longNode) this.heldOwners.push(owner);
      else this.owners.push(owner);
    }
    this.lastOwner = owner;
    return true;
  }

  /** Looks at the elements under the root that may be shadow hosts; their shadow roots are sieved next. */
  private findHosts(shouldYield: () => boolean): boolean {
    const lists = this.hosts;
    // Counted across lists: a subtree read in pieces gives many short ones.
    let looked = 0;
    for (; this.hostList < lists.length; this.hostList++, this.hostIndex = 0) {
      const hosts = lists[this.hostList]!;
      for (let i = this.hostIndex, n = hosts.length; i < n; i++) {
        const el = hosts.item(i);
        const shadow = el.shadowRoot;
        if (shadow && !isInsideSkipped(el)) {
          this.onShadowRoot(shadow);
          this.roots.push(shadow);
        }
        if ((++looked & 255) === 0 && shouldYield()) {
          this.hostIndex = i + 1;
          return false;
        }
      }
    }
    this.hosts = [];
    this.root = null;
    return true;
  }
}

/**
 * The elements under a root whose text is left out of the text the sieve reads: style sheets and scripts
 * holding only text nodes, at least CUT_MIN characters of it, in document order. None nests in another
 * (each holds no element).
 */
export function rawTextCuts(root: Node): Element[] {
  if (typeof (root as ParentNode).querySelectorAll !== 'function') return [];
  const found = (root as ParentNode).querySelectorAll(CUT_SELECTOR);
  const cuts: Element[] = [];
  for (let i = 0; i < found.length; i++) {
    const el = found[i]!;
    let length = 0;
    let onlyText = true;
    for (let child = el.firstChild; child !== null; child = child.nextSibling) {
      // Text nodes only (not CDATA): what a Range's `toString` and `textContent` both read.
      if (child.nodeType !== 3) {
        onlyText = false;
        break;
      }
      length += (child as Text).length;
    }
    if (onlyText && length >= CUT_MIN) cuts.push(el);
  }
  return cuts;
}

/**
 * The root's `textContent` without the text of `cuts` (elements under it, in document order, holding only
 * text), as the stretches between them, each read natively with one Range (joined, they would be copied
 * again: see `PieceText`).
 */
export function textBetween(root: Node, cuts: readonly Element[]): string[] {
  const range = (root.ownerDocument ?? (root as Document)).createRange();
  range.selectNodeContents(root);
  const stretches: string[] = [];
  for (const cut of cuts) {
    range.setEndBefore(cut);
    stretches.push(range.toString());
    range.setStartAfter(cut);
  }
  range.setEnd(root, root.childNodes.length);
  stretches.push(range.toString());
  return stretches;
}

/**
 * Where to split a root's sorted places between a forward walk (from the first text node) and a backward
 * walk (from the last): the places before the split are located forwards, the rest backwards, so that the
 * widest stretch of text without a place is never walked. That stretch may lie between two places, after
 * the last one (forwards only: split = places.length) or before the first one (backwards only: split = 0,
 * as on a page whose only places are in a list of languages at its end).
 */
export function splitAtWidestGap(places: readonly number[], length: number): number {
  let split = places.length;
  let widest = length - places[places.length - 1]!;
  if (places[0]! > widest) {
    widest = places[0]!;
    split = 0;
  }
  for (let i = 0; i + 1 < places.length; i++) {
    const gap = places[i + 1]! - places[i]!;
    if (gap > widest) {
      widest = gap;
      split = i + 1;
    }
  }
  return split;
}

/**
 * The elements under a root that may have a shadow root, as static lists (the page may change between
 * slices, and a live list would shift under the index).
 */
function candidateHosts(root: Node): HostList[] {
  const doc = root.ownerDocument;
  if (root.nodeType !== Node.ELEMENT_NODE || !doc || typeof doc.evaluate !== 'function') {
    // A shadow root (no XPath context there) or a DOM without XPath: every element.
    return typeof (root as ParentNode).querySelectorAll === 'function'
      ? [fromNodeList((root as ParentNode).querySelectorAll('*'))]
      : [];
  }
  const custom = doc.evaluate(CUSTOM_ELEMENTS_XPATH, root, null, XPathResult.UNORDERED_NODE_SNAPSHOT_TYPE, null);
  return [
    fromNodeList((root as Element).querySelectorAll(SHADOW_HOST_SELECTOR)),
    { length: custom.snapshotLength, item: (i) => custom.snapshotItem(i) as Element },
  ];
}

const fromNodeList = (list: NodeListOf<Element>): HostList => ({ length: list.length, item: (i) => list[i]! });
const fromArray = (list: Element[]): HostList => ({ length: list.length, item: (i) => list[i]! });

/** Text and CDATA nodes: what `textContent` joins. */
const isText = (node: Node): boolean => node.nodeType === 3 || node.nodeType === 4;

const HOST_TAGS = new Set<string>(SHADOW_HOST_TAGS);
/** Whether an element may have a shadow root: a valid shadow host name, or a custom element's. */
const mayHostShadow = (el: Element): boolean => HOST_TAGS.has(el.localName) || el.localName.includes('-');

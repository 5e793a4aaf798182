import { blockOwnerOf, isInsideSkipped } from './text-blocks';

/**
 * The first stage of a pass when the matcher has a sieve (core/match/sieve.ts): it reads a subtree's text
 * with one native call (`textContent`), lets the sieve's regular expression find the places where a
 * pattern could start, and gives back the owners of the blocks holding them. Only those blocks are then
 * walked into text blocks (shallowly, see `BlockWalker.addRoots`) and matched: on a page about something
 * else, most of its text is read natively and never walked in script.
 *
 * Shadow trees are not in their host's `textContent`: the hosts under each subtree are looked up (one
 * `shadowRoot` read per element) and their shadow roots are sieved the same way.
 *
 * Resumable between time slices, like `BlockWalker`.
 */

/** Characters the sieve reads in one call (it can't be interrupted inside one). */
const WINDOW = 65_536;
/**
 * Characters a window reads past its end, so that a place starting in it is found whole. Keys are a few
 * letters long; a typo-tolerant word's place spans one token, which this covers for any real word.
 */
const OVERLAP = 256;
/**
 * More places than one per this many characters: the subtree is about the pack's subject, so it is walked
 * whole instead of finding the nodes of every place.
 */
const DENSE = 400;

type Phase = 'start' | 'sieve' | 'locate' | 'hosts';

export class SieveFinder {
  /** Roots still to sieve (shadow roots are added as they are found), and the one being sieved. */
  private readonly roots: Node[];
  private root: Node | null = null;
  private phase: Phase = 'start';
  private text = '';
  private pos = 0;
  private places: number[] = [];
  private walker: TreeWalker | null = null;
  private offset = 0;
  private next = 0;
  private lastParent: Node | null = null;
  private lastSkipped = false;
  private lastOwner: Node | null = null;
  private hosts: NodeListOf<Element> | null = null;
  private hostIndex = 0;
  /** Owners of the blocks to walk, in the order found; each owner once per root. */
  readonly owners: Node[] = [];
  private readonly seen = new Set<Node>();
  /** Owners to walk whole (a subtree with too many places). */
  readonly wholeRoots: Node[] = [];
  /** Characters read natively, and text nodes visited to locate places. */
  chars = 0;
  nodes = 0;

  constructor(
    roots: readonly Node[],
    private readonly sieve: RegExp,
    private readonly onShadowRoot: (root: ShadowRoot) => void,
  ) {
    this.roots = [...roots].reverse();
  }

  get done(): boolean {
    return this.root === null && this.roots.length === 0;
  }

  /** Works until `shouldYield()` says stop or every root is sieved; true when done. */
  run(shouldYield: () => boolean): boolean {
    for (;;) {
      if (this.root === null) {
        const root = this.roots.pop();
        if (root === undefined) return true;
        this.root = root;
        this.phase = 'start';
      }
      if (shouldYield()) return false;
      if (this.phase === 'start') this.start();
      else if (this.phase === 'sieve') this.sieveWindow();
      else if (this.phase === 'locate') {
        if (!this.locate(shouldYield)) return false;
      } else if (!this.findHosts(shouldYield)) return false;
    }
  }

  private start(): void {
    this.text = this.root!.textContent ?? '';
    this.chars += this.text.length;
    this.pos = 0;
    this.places = [];
    this.phase = 'sieve';
  }

  /** Runs the sieve over the next window of the text. */
  private sieveWindow(): void {
    const text = this.text;
    const n = text.length;
    const end = Math.min(n, this.pos + WINDOW);
    const window = text.slice(this.pos, end === n ? n : end + OVERLAP);
    const re = this.sieve;
    re.lastIndex = 0;
    const base = this.pos;
    const last = end - base;
    for (let m = re.exec(window); m !== null; m = re.exec(window)) {
      // A place starting in the overlap belongs to the next window.
      if (m.index >= last) break;
      this.places.push(base + m.index);
      if (m[0].length === 0) re.lastIndex++;
    }
    this.pos = end;
    if (end < n) return;
    this.text = '';
    if (this.places.length === 0) this.phase = 'hosts';
    else if (this.places.length > n / DENSE + 8) {
      this.wholeRoots.push(this.root!);
      this.phase = 'hosts';
    } else {
      this.walker = (this.root!.ownerDocument ?? (this.root as Document)).createTreeWalker(
        this.root!,
        NodeFilter.SHOW_TEXT,
      );
      this.offset = 0;
      this.next = 0;
      this.lastParent = null;
      this.lastOwner = null;
      this.phase = 'locate';
    }
  }

  /**
   * Finds the text node of each place (text nodes in document order, their lengths summed as in
   * `textContent`) and the owner of its block. Places inside skipped elements (a script's text, a
   * textarea, our UI) are dropped here.
   */
  private locate(shouldYield: () => boolean): boolean {
    const walker = this.walker!;
    const places = this.places;
    // The loop runs once per text node of the page, cold: locals, not fields.
    let offset = this.offset;
    let next = this.next;
    let place = places[next]!;
    let visited = 0;
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      // `length`, not `data.length`: reading `data` would copy every node's text into a new string.
      offset += (node as Text).length;
      if (place < offset) {
        while (next < places.length && places[next]! < offset) next++;
        place = next < places.length ? places[next]! : Infinity;
        this.take(node as Text);
        if (next >= places.length) break;
      }
      if ((++visited & 255) === 0 && shouldYield()) {
        this.nodes += visited;
        this.offset = offset;
        this.next = next;
        return false;
      }
    }
    this.nodes += visited;
    this.walker = null;
    this.places = [];
    this.phase = 'hosts';
    return true;
  }

  /** Notes the owner of a text node holding a place, unless the node is in a skipped subtree. */
  private take(node: Text): void {
    const parent = node.parentNode;
    if (parent !== this.lastParent) {
      this.lastParent = parent;
      this.lastSkipped = isInsideSkipped(node);
    }
    if (this.lastSkipped) return;
    const owner = blockOwnerOf(node);
    if (owner !== this.lastOwner && !this.seen.has(owner)) {
      this.seen.add(owner);
      this.owners.push(owner);
    }
    this.lastOwner = owner;
  }

  /** Looks for shadow hosts under the root; their shadow roots are sieved next. */
  private findHosts(shouldYield: () => boolean): boolean {
    if (this.hosts === null) {
      const root = this.root as ParentNode;
      // A static list: the page may change between slices, and a live one would shift under the index.
      this.hosts = typeof root.querySelectorAll === 'function' ? root.querySelectorAll('*') : null;
      this.hostIndex = 0;
      if (this.hosts === null) return this.finishRoot();
    }
    const hosts = this.hosts;
    for (let i = this.hostIndex, n = hosts.length; i < n; i++) {
      const shadow = (hosts[i] as HTMLElement).shadowRoot;
      if (shadow && !isInsideSkipped(hosts[i]!)) {
        this.onShadowRoot(shadow);
        this.roots.push(shadow);
      }
      if ((i & 1023) === 1023 && shouldYield()) {
        this.hostIndex = i + 1;
        return false;
      }
    }
    return this.finishRoot();
  }

  private finishRoot(): boolean {
    this.hosts = null;
    this.root = null;
    return true;
  }
}

import { elementsIn } from './element-count';

export interface HighlightScopeOptions {
  /** The browser gives an element's `::highlight()` style to its descendants' highlights. */
  inherits?: boolean;
}

/**
 * Which elements of the document our `::highlight()` rules need to reach: the parents of the text nodes
 * that some highlight covers, per highlight name, and a selector that names each of them alone.
 *
 * Why not `::highlight(name)` alone: such a rule applies to every element, so adopting a sheet that holds
 * one makes the browser compute the style of every element of the page again, in one task it can't
 * interrupt (57–70 ms on wikipedia-2 and 20 ms on yahoo-2 here). A rule that names elements by their place
 * (`:root > body:nth-child(2) > … > p:nth-child(3)`) gives a highlight style to those elements only: 6–14 ms
 * and 4–12 ms for 10 to 40 of them on the same pages (docs/performance.md). The place is spelt out from the
 * root, as a shorter selector (the tag and position alone) also names every element in the same position
 * elsewhere, and on a page of many alike sections that cost more than the plain rule.
 *
 * When the page adds or removes an element beside one of these elements or one of their ancestors, their
 * places change: the engine reports the page's changes (`noteChanges`, from its mutation observer, before
 * the browser renders again), and the selectors are worked out anew.
 *
 * Where the browser has highlight inheritance (an element's `::highlight()` style is given to the
 * highlights in its descendants, see `HIGHLIGHTS_INHERIT`), one element per range is kept: the closest
 * one holding all its text (`elementsToName`), and it may be named through an ancestor that costs the
 * page less to restyle (`namedFor`).
 */
export class HighlightScope {
  /** Per highlight name, the elements holding text it covers, with how many of its ranges do. */
  private readonly byName = new Map<string, Map<Element, number>>();
  /** Each element's selector as last worked out; emptied when the page moves elements about. */
  private readonly keys = new Map<Element, string>();
  /** Each of those elements' place among its parent's elements (`placeSelector`), emptied with them. */
  private readonly places = new Map<Element, number>();
  /** The parents of every element whose selector was worked out (ours and their ancestors): their child lists decide the selectors. */
  private readonly parents = new Set<Node>();
  private stale = false;
  private version = 0;
  private readonly inherits: boolean;
  /** With inheritance: each element's ancestor to name, and how many elements that one holds (itself included). */
  private readonly namedOf = new Map<Element, { named: Element; own: number }>();
  /** The body's elements of a tag: counted once per page view (an estimate, kept as the page changes). */
  private readonly tagCounts = new Map<string, number>();

  constructor(options: HighlightScopeOptions = {}) {
    this.inherits = options.inherits === true;
  }

  /** Changes whenever the selectors may have changed. */
  get revision(): number {
    return this.version;
  }

  /** Notes that a range of highlight `name` covers text in these elements (`textParents`). */
  add(name: string, elements: readonly Element[]): void {
    let counts = this.byName.get(name);
    if (!counts) this.byName.set(name, (counts = new Map()));
    for (const el of elements) {
      const n = counts.get(el);
      counts.set(el, (n ?? 0) + 1);
      if (n === undefined) this.version++;
    }
  }

  /** Undoes `add` for a range that is gone (with the elements given then). */
  remove(name: string, elements: readonly Element[]): void {
    const counts = this.byName.get(name);
    if (!counts) return;
    for (const el of elements) {
      const n = counts.get(el);
      if (n === undefined) continue;
      if (n > 1) counts.set(el, n - 1);
      else {
        counts.delete(el);
        this.version++;
      }
    }
  }

  /** Makes `elements` the only ones of highlight `name` (the flash of one occurrence, say). */
  replace(name: string, elements: readonly Element[]): void {
    const counts = this.byName.get(name);
    if (counts && counts.size === elements.length && elements.every((el) => counts.has(el))) return;
    this.byName.set(name, new Map(elements.map((el) => [el, 1])));
    this.version++;
  }

  clear(): void {
    this.byName.clear();
    this.keys.clear();
    this.places.clear();
    this.parents.clear();
    this.namedOf.clear();
    this.tagCounts.clear();
    this.stale = false;
    this.version++;
  }

  /**
   * The elements to name for a range whose text is in `parents` (its `textParents`, all in the document).
   * With highlight inheritance, the closest element holding them all: a phrase split across a link and an
   * emphasis needs only its paragraph named. Without, each of them.
   */
  elementsToName(parents: readonly Element[]): Element[] {
    if (!this.inherits || parents.length < 2) return [...parents];
    let common: Element | null = parents[0]!;
    for (let i = 1; i < parents.length && common; i++) {
      while (common && !common.contains(parents[i]!)) common = common.parentElement;
    }
    return common ? [common] : [...parents];
  }

  /**
   * With inheritance: how many elements the browser restyles for the current selectors, at most (each
   * named tag's elements, and each named element with its descendants). 0 without.
   */
  restyleEstimate(): number {
    if (!this.inherits) return 0;
    this.refresh();
    const tags = new Set<string>();
    const named = new Set<Element>();
    let restyled = 0;
    for (const counts of this.byName.values()) {
      for (const el of counts.keys()) {
        const choice = this.namedFor(el);
        if (named.has(choice.named)) continue;
        named.add(choice.named);
        restyled += choice.own;
        if (!tags.has(choice.named.localName)) {
          tags.add(choice.named.localName);
          restyled += this.countOfTag(choice.named);
        }
      }
    }
    return restyled;
  }

  /**
   * Takes the page's changes into account: an element added to or removed from the children of an element
   * on the way from the root to one of ours may have moved it. True when the selectors are to be worked out
   * anew.
   */
  noteChanges(records: readonly MutationRecord[]): boolean {
    if (this.stale || this.parents.size === 0) return this.stale;
    for (const r of records) {
      if (r.type !== 'childList' || !this.parents.has(r.target)) continue;
      if (holdsElement(r.addedNodes) || holdsElement(r.removedNodes)) {
        this.stale = true;
        this.version++;
        return true;
      }
    }
    return false;
  }

  /**
   * The elements named for highlight `name` (none: empty), each once, with its selector and the elements the browser
   * restyles when a rule first names it (with inheritance, it and its descendants; else itself).
   */
  namedElementsFor(name: string): { element: Element; selector: string; restyles: number }[] {
    this.refresh();
    const counts = this.byName.get(name);
    if (!counts) return [];
    const out = new Map<Element, { element: Element; selector: string; restyles: number }>();
    for (const el of counts.keys()) {
      const choice = this.inherits ? this.namedFor(el) : { named: el, own: 1 };
      if (out.has(choice.named)) continue;
      const selector = this.keyOf(choice.named);
      if (selector !== null) out.set(choice.named, { element: choice.named, selector, restyles: choice.own });
    }
    return [...out.values()];
  }

  private refresh(): void {
    if (!this.stale) return;
    this.stale = false;
    this.keys.clear();
    this.places.clear();
    this.parents.clear();
    // A choice stays while it still holds its element: it may no longer be the cheapest as the page
    // changes, but it still passes the style on, and counting again on every change would cost more.
    for (const [el, choice] of this.namedOf) {
      if (!el.isConnected || !choice.named.contains(el)) this.namedOf.delete(el);
    }
  }

  /**
   * The element or ancestor (below the body) to name for `el`, where it passes its highlight style on to
   * its descendants. A rule naming an element makes the browser restyle every element of that tag in the
   * page (each is checked against the rule) and the element's descendants: the one named is the one whose
   * tag's count plus its own elements is least. On a page of many alike paragraphs in sections, naming a
   * paragraph's section restyles a few hundred elements where naming the paragraph restyles every
   * paragraph (docs/performance.md); in an article, the paragraph stays. Ancestors hold ever more
   * elements, so the climb stops at the first whose elements alone outnumber the best so far; counting
   * them stops there too.
   */
  private namedFor(el: Element): { named: Element; own: number } {
    let choice = this.namedOf.get(el);
    if (choice) return choice;
    const body = el.ownerDocument.body;
    const own = elementsIn(el, Infinity);
    choice = { named: el, own };
    let best = this.countOfTag(el) + own;
    for (let a = el.parentElement; a && a !== body && a.parentElement; a = a.parentElement) {
      const held = elementsIn(a, best);
      if (held >= best) break;
      const restyled = this.countOfTag(a) + held;
      if (restyled < best) {
        choice = { named: a, own: held };
        best = restyled;
      }
    }
    this.namedOf.set(el, choice);
    return choice;
  }

  /** The body's elements with this element's tag (a walk of the page per tag, the first time). */
  private countOfTag(el: Element): number {
    const tag = el.localName;
    let n = this.tagCounts.get(tag);
    if (n === undefined) {
      const root = el.ownerDocument.body ?? el.ownerDocument.documentElement;
      n = root ? root.getElementsByTagName(tag).length : 1;
      this.tagCounts.set(tag, n);
    }
    return n;
  }

  /** The element's selector (and its ancestors', on the way), or null if it is not in the document. */
  private keyOf(el: Element): string | null {
    let key = this.keys.get(el);
    if (key !== undefined) return key;
    const parent = el.parentNode;
    if (!parent) return null;
    let prefix: string | null;
    if (parent.nodeType === 9) prefix = '';
    else if (parent.nodeType !== 1) return null;
    else if ((prefix = this.keyOf(parent as Element)) === null) return null;
    // The root element is `:root`; each element below it, its tag and place among its parent's elements.
    key = prefix === '' ? ':root' : `${prefix} > ${placeSelector(el, this.places)}`;
    this.keys.set(el, key);
    this.parents.add(parent);
    return key;
  }
}

/**
 * `tag:nth-child(k)` for an element: its tag, and its position among its parent's element children.
 * `known` holds the positions of elements worked out before (and gets this one's): counting back stops at
 * the first of them. A page's highlights are found in document order, so a long list of siblings (the
 * 476 sections of the generated 5 M-character page) is counted through once, not once per element named
 * in it; each sibling counted is an object the page's script world makes the first time it is touched.
 */
export function placeSelector(el: Element, known?: Map<Element, number>): string {
  let k = 1;
  for (let s = el.previousElementSibling; s !== null; s = s.previousElementSibling) {
    const at = known?.get(s);
    if (at !== undefined) {
      k += at;
      break;
    }
    k++;
  }
  known?.set(el, k);
  return `${cssIdent(el.localName)}:nth-child(${k})`;
}

/** An element name as a CSS identifier (custom elements and XML names may need escapes). */
function cssIdent(name: string): string {
  if (/^[a-z][a-z0-9-]*$/.test(name)) return name;
  const escape = (globalThis as { CSS?: { escape?: (s: string) => string } }).CSS?.escape;
  return escape ? escape(name) : name.replace(/[^a-zA-Z0-9_-]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `);
}

/** The distinct parent elements of some text nodes: the elements whose highlight style paints them. */
export function textParents(nodes: readonly Node[]): Element[] {
  const out: Element[] = [];
  for (const node of nodes) {
    const parent = node.parentElement;
    if (parent && !out.includes(parent)) out.push(parent);
  }
  return out;
}

function holdsElement(list: NodeList): boolean {
  for (let i = 0; i < list.length; i++) if (list[i]!.nodeType === 1) return true;
  return false;
}

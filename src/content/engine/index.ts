import type { Narrative, Pack } from '../../core/pack/schema';
import type { Match, Matcher } from '../../core/match';
import { findPlaces } from '../../core/match/sieve';
import type { Occurrence, PageEngine, PageSummary } from '../types';
import {
  BlockWalker,
  blockOwnerOf,
  chunkText,
  isInline,
  isInsideSkipped,
  MATCH_REACH,
  nodesFor,
  placeWindows,
  rangeFor,
} from './text-blocks';
import type { Chunk, TextBlock } from './text-blocks';
import { FLASH_HIGHLIGHT, HighlightSet, highlightName } from './highlights';
import { HighlightStyle } from './highlight-style';
import { HighlightScope, textParents } from './highlight-scope';
import { HIGHLIGHTS_INHERIT } from './highlight-inheritance';
import { UNDERLINE_MAX_CHARS } from './highlight-underlines';
import { compareBoundary, compareRanges, containsComposed } from './order';
import { SLICE_MS, afterNextFrame, pageHasPainted, yieldToMain } from './schedule';
import { SieveFinder } from './sieve-finder';
import { mark } from '../mark';

export { mark };

export { trackPointer } from './pointer';
export { HIGHLIGHT_PREFIX, FLASH_HIGHLIGHT, highlightName } from './highlights';

/** What one scan pass reports in its `factcontext:scan` performance measure. */
export interface ScanDetail {
  /** Characters and text nodes read in this pass. */
  chars: number;
  nodes: number;
  /** Occurrences highlighted after the pass. */
  matches: number;
  /** Main-thread time of the pass: the sum of its slices. */
  busyMs: number;
  longestSliceMs: number;
  slices: number;
  /**
   * Characters handed to the matcher (blocks unchanged since the last pass are not matched again, nor blocks
   * without a place the sieve found).
   */
  matchedChars: number;
  /**
   * Characters of long blocks' chunks read again by the sieve, to find the parts around its places (a
   * block of one text node takes them from the finder's reading instead).
   */
  sievedChars: number;
  /** Characters of long blocks' chunks not handed to the matcher: far from any place. */
  skippedChars: number;
  /**
   * Time spent matching: inside the matcher, and the sieve's check of long blocks' chunks (the rest of
   * busyMs is walking the DOM and making ranges).
   */
  matchMs: number;
  /**
   * Time spent reading the page: the sieve's native read and search and locating its places (when the
   * matcher has a sieve), finding shadow roots, and walking blocks into text blocks (including comparing
   * them with the last pass).
   */
  walkMs: number;
  /** False for the first pass and passes after a navigation; true for passes over changed subtrees. */
  incremental: boolean;
}

/** One text block as last scanned, with the occurrences found in it. */
interface Segment {
  block: TextBlock;
  occ: Occurrence[];
  pass: number;
  epoch: number;
}

const SEGMENT = Symbol('factcontext.segment');
/**
 * Epochs are unique across the engines of this world, not just within one: a page load can replace its
 * first engine with another (a different pack), and the new one must not take the old one's segments,
 * left on the same text nodes, for its own.
 */
let lastEpoch = 0;
type CachedText = Text & { [SEGMENT]?: Segment };

interface QueueItem {
  seg: Segment;
  /** Offsets of the chunk within the block text (whole block when not chunked). */
  start: number;
  end: number;
  coreStart: number;
  coreEnd: number;
  text: string;
  /**
   * A chunk of a long block, of which only the parts around the sieve's places are matched (none if it
   * has none). Every match holds the place of its key (core/match/sieve.ts), so nothing is lost; in a
   * long block most chunks have no place, and the sieve reads a chunk natively, faster than the matcher
   * reads it, and without the matcher's cold start.
   */
  sieveFirst: boolean;
}

/** Blocks longer than this are matched in whitespace-cut chunks, so one node never makes one slice long. */
const MAX_CHUNK = 16_384;
/** Most characters handed to the matcher in one call. */
const MAX_BATCH = 16_384;
/** Mutations are collected for this long before an incremental pass runs. */
const MUTATION_DELAY_MS = 40;
/** How often our highlights and stylesheet are checked for removal by the page, and the URL for changes. */
const WATCH_INTERVAL_MS = 500;

/** The places in [from, to) of an ascending list. */
function placesBetween(places: readonly number[], from: number, to: number): number[] {
  let lo = 0;
  let hi = places.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (places[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < places.length && places[i]! < to; i++) out.push(places[i]!);
  return out;
}

const isOurUiElement = (n: Node): boolean =>
  n.nodeType === 1 &&
  ((n as Element).tagName === 'FACTCONTEXT-UI' || (n as Element).hasAttribute('data-factcontext-ui'));

// When the content script's code starts running in this document (before the pack is parsed).
mark('factcontext:content-script');

/**
 * A matcher loaded only where a page needs one: its sieve is known at once, and the pack and matcher are
 * loaded when the sieve first finds a place in the page's text (most pages have none).
 */
export interface MatcherOnDemand {
  sieve: RegExp;
  /**
   * Called once. When it fails, the engine reports it and highlights nothing. The pack is read only once
   * the matcher has matched something (it may come in with the part of the matcher that matching needed).
   */
  load(): Promise<{ readonly pack: Pack; matcher: Matcher }>;
}

/** What the engine matches with: a pack and its matcher, or a matcher loaded on demand. */
export type MatchSource = { pack: Pack; matcher: Matcher } | { onDemand: MatcherOnDemand };

/** Stands in for a matcher that could not be loaded: the sieve still reads the page, nothing is matched. */
const matchesNothing = (sieve: RegExp): Matcher => ({ scan: () => [], sieve: () => sieve });

/** Creates the page engine for a document: scan, highlight, hit-test, navigate. */
export function createPageEngine(
  options: MatchSource & {
    doc: Document;
    /** The browser has highlight inheritance (see HIGHLIGHTS_INHERIT, the default). */
    highlightsInherit?: boolean;
    /** Pages with more text than this get highlights without a line (see UNDERLINE_MAX_CHARS, the default). */
    underlineMaxChars?: number;
  },
): PageEngine {
  const { doc } = options;
  mark('factcontext:engine-created');
  const view = doc.defaultView ?? window;
  const onDemand = 'onDemand' in options ? options.onDemand : null;
  let matcher: Matcher | null = null;
  // The matcher's pack, read when something first matches: a matcher loaded on demand may bring its pack
  // only with the part of it that matching needs (see MatcherOnDemand).
  let packSource: { readonly pack: Pack } | null = null;
  let byId: Map<string, Narrative> | null = null;
  const narrativeById = (id: string): Narrative | undefined =>
    (byId ??= new Map(packSource!.pack.narratives.map((n) => [n.id, n]))).get(id);
  const useMatcher = (source: { readonly pack: Pack }, m: Matcher) => {
    matcher = m;
    packSource = source;
    byId = null;
  };
  if (!('onDemand' in options)) useMatcher(options, options.matcher);
  let matcherLoad: Promise<void> | null = null;
  /** Starts loading the matcher on demand (once); resolves when it is in, or stands in for it on failure. */
  const loadMatcher = (): Promise<void> =>
    (matcherLoad ??= onDemand!.load().then(
      (loaded) => {
        useMatcher(loaded, loaded.matcher);
        mark('factcontext:matcher-ready');
      },
      (err) => {
        console.error('factcontext: the pack could not be loaded; nothing is highlighted on this page', err);
        matcher = matchesNothing(onDemand!.sieve);
      },
    ));
  const listeners = new Set<(summary: PageSummary) => void>();
  const highlights = new HighlightSet();
  const scope = new HighlightScope({ inherits: options.highlightsInherit ?? HIGHLIGHTS_INHERIT });
  const style = new HighlightStyle(doc, scope);
  const underlineMaxChars = options.underlineMaxChars ?? UNDERLINE_MAX_CHARS;
  /** The elements named for each occurrence's text (whose rules its highlight needs, see HighlightScope). */
  const elementsOf = new Map<Occurrence, Element[]>();

  let running = false;
  // Started hidden: scanning and keeping up with the page, but registering no highlight, adopting no
  // stylesheet and telling no listener until start() is called again (or stop()).
  let hidden = false;
  /**
   * Some highlight was registered since start(); and the first ones were, and are still to be painted:
   * the running pass waits for a frame before it goes on.
   */
  let shownAny = false;
  let firstPaintPending = false;
  let nextId = 1;
  let passNo = 0;

  // Segments are kept on their first text node (a symbol-keyed property on our own world's wrapper,
  // invisible to the page; much cheaper than a WeakMap keyed by nodes). A block whose nodes and text are
  // unchanged is not matched again. `epoch` invalidates them all on stop().
  let epoch = ++lastEpoch;
  // Segments that hold occurrences.
  const live = new Set<Segment>();
  const byNode = new Map<Text, Occurrence[]>();
  const byRange = new Map<AbstractRange, Occurrence>();
  const all = new Set<Occurrence>();
  let ordered: Occurrence[] = [];
  let orderValid = true;
  let orderIndex = new Map<Occurrence, number>();

  const shadowRoots = new Set<ShadowRoot>();
  let observer: MutationObserver | null = null;
  /** The running pass's sieve finder: told of the page's changes, which can move the places it read. */
  let activeFinder: SieveFinder | null = null;
  let watchTimer: ReturnType<typeof setInterval> | null = null;
  let mutationTimer: ReturnType<typeof setTimeout> | null = null;
  const dirty = new Set<Node>();
  let fullPending = false;
  let prunePending = false;
  let passRunning = false;
  let generation = 0;
  let lastHref = view.location.href;
  let detachNavigation: (() => void) | null = null;
  let flashTimer: ReturnType<typeof setTimeout> | null = null;
  // Characters per millisecond, measured as we go. It starts low: the first batches of a page load run code
  // that is compiled on its first call, several times slower than it later runs, and a first batch sized for
  // warm code made the first slice overrun its budget by 10 ms or more.
  let matcherRate = 500;
  let matcherFailed = false;

  function summarise(): PageSummary {
    const byNarrative: Record<string, number> = {};
    for (const o of all) {
      const id = o.narratives[0]!.id;
      byNarrative[id] = (byNarrative[id] ?? 0) + 1;
    }
    return { total: all.size, byNarrative };
  }

  /**
   * Puts our highlights into CSS.highlights, unless hidden; true when something had to be restored. The
   * stylesheet comes with the first highlight (see HighlightStyle).
   */
  function showHighlights(): boolean {
    if (hidden) return false;
    if (all.size) {
      if (!style.isActive) style.activate();
      else style.update();
      if (!shownAny) shownAny = firstPaintPending = true;
    }
    return highlights.sync();
  }

  function notify(): void {
    if (hidden) return;
    const summary = summarise();
    for (const l of listeners) {
      try {
        l(summary);
      } catch (err) {
        console.error('factcontext: change listener failed', err);
      }
    }
  }

  // ---- occurrences -------------------------------------------------------------------------------

  function addOccurrence(seg: Segment, m: Match, start: number, end: number): void {
    const narratives = m.narrativeIds.map(narrativeById).filter((n): n is Narrative => n !== undefined);
    if (!narratives.length) return;
    const block = seg.block;
    const range = rangeFor(block, start, end);
    const status = narratives[0]!.evidence.status;
    const text = start === m.start && end === m.end ? m.text : block.text.slice(start, end);
    const o: Occurrence = { id: nextId++, range, narratives, status, text, lang: m.lang, pattern: m.pattern };
    seg.occ.push(o);
    all.add(o);
    byRange.set(range, o);
    const nodes = nodesFor(block, start, end);
    for (const node of nodes) {
      const list = byNode.get(node);
      if (list) list.push(o);
      else byNode.set(node, [o]);
    }
    // Shadow trees have a sheet of their own, with plain rules (see HighlightStyle).
    const elements = scope.elementsToName(textParents(nodes).filter((el) => el.getRootNode() === doc));
    elementsOf.set(o, elements);
    scope.add(highlightName(status), elements);
    highlights.add(status, range);
    orderValid = false;
  }

  function dropSegment(seg: Segment): void {
    for (const o of seg.occ) {
      all.delete(o);
      byRange.delete(o.range);
      highlights.delete(o.status, o.range);
      scope.remove(highlightName(o.status), elementsOf.get(o) ?? []);
      elementsOf.delete(o);
      for (const node of seg.block.nodes) {
        const list = byNode.get(node);
        if (!list) continue;
        const i = list.indexOf(o);
        if (i >= 0) list.splice(i, 1);
        if (!list.length) byNode.delete(node);
      }
    }
    if (seg.occ.length) orderValid = false;
    seg.occ = [];
    live.delete(seg);
  }

  function sortedOccurrences(): Occurrence[] {
    if (!orderValid) {
      ordered = [...all].sort((a, b) => compareRanges(a.range, b.range) || a.id - b.id);
      orderIndex = new Map(ordered.map((o, i) => [o, i]));
      orderValid = true;
    }
    return ordered;
  }

  // ---- scanning ----------------------------------------------------------------------------------

  function sameBlock(a: TextBlock, b: TextBlock): boolean {
    if (a.text !== b.text || a.nodes.length !== b.nodes.length) return false;
    for (let i = 0; i < a.nodes.length; i++) if (a.nodes[i] !== b.nodes[i]) return false;
    return true;
  }

  /** One pass over `roots` (or the whole document), time-sliced. */
  async function runPass(roots: Node[] | null): Promise<void> {
    const token = generation;
    const pass = ++passNo;
    const full = roots === null;
    const scanRoots = roots ?? [doc.body ?? doc.documentElement].filter((n): n is HTMLElement => !!n);
    const t0 = performance.now();
    let busy = 0;
    let longest = 0;
    let slices = 0;
    let matchedChars = 0;
    let sievedChars = 0;
    let skippedChars = 0;
    let matchMs = 0;
    let walkMs = 0;
    let changed = false;
    let sizeKnown = false;
    const queue: QueueItem[] = [];
    let queueHead = 0;
    let queuedChars = 0;
    const segEnd = new Map<Segment, number>();

    const registerShadowRoot = (shadow: ShadowRoot) => {
      if (!shadowRoots.has(shadow)) {
        shadowRoots.add(shadow);
        // Hidden, the page's shadow trees get no stylesheet either (show() adopts it into them).
        if (!hidden) style.adoptInto(shadow);
        observer?.observe(shadow, OBSERVE);
      }
    };
    // With a sieve, the text is read natively first and only the blocks around its places are walked.
    const sieve = matcherFailed ? null : matcher ? matcher.sieve() : onDemand!.sieve;
    // The matcher's load starts as soon as the sieve finds a place, before the finder locates it: the pack's
    // round trip then overlaps with locating the places and walking their blocks.
    const onPlaces = () => {
      if (!matcher) void loadMatcher();
    };
    const finder = sieve
      ? new SieveFinder(scanRoots, sieve, registerShadowRoot, { keepPlacesOver: MAX_CHUNK }, onPlaces)
      : null;
    activeFinder = finder;
    let ownersFed = 0;
    let wholeFed = 0;
    const walker = new BlockWalker(
      finder ? [] : scanRoots,
      (block) => {
        const text = block.text;
        // A phrase needs at least a few letters. Whitespace between elements makes up a large share of all
        // blocks; they are left before any bookkeeping (an occurrence in a block that is now blank is
        // dropped at the end of the pass, as the block was not seen).
        if (text.length < 3 || !/\S\S/.test(text)) return;
        const first = block.nodes[0]!;
        const cached = (first as CachedText)[SEGMENT];
        const old = cached && cached.epoch === epoch ? cached : undefined;
        if (old && sameBlock(old.block, block)) {
          old.pass = pass;
          return;
        }
        if (old) {
          if (old.occ.length) changed = true;
          dropSegment(old);
        }
        const seg: Segment = { block, occ: [], pass, epoch };
        (first as CachedText)[SEGMENT] = seg;
        if (text.length <= MAX_CHUNK) {
          queue.push({ seg, start: 0, end: text.length, coreStart: 0, coreEnd: text.length, text, sieveFirst: false });
          queuedChars += text.length;
          return;
        }
        // A long block, matched in chunks. A single text node's places are known from the finder's reading:
        // only the parts around them are queued. Otherwise each chunk is sieved before it is matched.
        const known = finder && block.nodes.length === 1 ? finder.placesIn(first as Text) : null;
        for (const c of chunkText(text, MAX_CHUNK)) {
          if (known) queuedChars += queueParts(seg, c, placesBetween(known, c.start, c.end), queue);
          else {
            queue.push({ seg, ...c, text: text.slice(c.start, c.end), sieveFirst: sieve !== null });
            queuedChars += c.end - c.start;
          }
        }
      },
      registerShadowRoot,
      !finder,
    );
    /**
     * Puts in `into` the parts of chunk `c` of a long block around `places` (ascending offsets in the
     * block's text, within the chunk), each owning the matches that start in the chunk's own part; gives
     * their length, and counts the rest of the chunk as skipped.
     */
    function queueParts(seg: Segment, c: Chunk, places: readonly number[], into: QueueItem[]): number {
      const text = seg.block.text;
      let parted = 0;
      for (const w of placeWindows(text, places, MATCH_REACH, c.start, c.end)) {
        const part = text.slice(w.start, w.end);
        into.push({
          seg,
          start: w.start,
          end: w.end,
          coreStart: c.coreStart,
          coreEnd: c.coreEnd,
          text: part,
          sieveFirst: false,
        });
        parted += part.length;
      }
      skippedChars += c.end - c.start - parted;
      return parted;
    }

    /** Hands the finder's new owners to the walker, once it has walked the last ones; false if none. */
    const feedWalker = (): boolean => {
      if (!finder || !walker.done) return false;
      const owners = finder.owners;
      const whole = finder.wholeRoots;
      if (ownersFed === owners.length && wholeFed === whole.length) return false;
      walker.addRoots(whole.slice(wholeFed), false);
      walker.addRoots(owners.slice(ownersFed), true);
      ownersFed = owners.length;
      wholeFed = whole.length;
      return true;
    };

    // A batch whose blocks need a part of the matcher still loading (`Matcher.pending`), and that load: the
    // slice ends, the pass waits for it, and the batch is matched first thing after.
    let held: { batch: QueueItem[]; texts: string[]; chars: number } | null = null;
    let waitingFor: Promise<void> | null = null;

    /** Matches queued blocks, a batch at a time, until the deadline or until the matcher must load more. */
    const matchQueued = (deadline: number): void => {
      while (held || queueHead < queue.length) {
        const now = performance.now();
        if (now >= deadline) return;
        const t = performance.now();
        if (held) {
          const { batch, texts, chars } = held;
          held = null;
          scanBatch(batch, texts, chars, t);
          continue;
        }
        const budgetChars = Math.max(1_024, Math.min(MAX_BATCH, matcherRate * (deadline - now) * 0.6));
        const batch: QueueItem[] = [];
        let chars = 0;
        while (
          queueHead < queue.length &&
          (batch.length === 0 || chars + queue[queueHead]!.text.length <= budgetChars)
        ) {
          const item = queue[queueHead++]!;
          queuedChars -= item.text.length;
          if (!item.sieveFirst) {
            batch.push(item);
            chars += item.text.length;
            continue;
          }
          // A chunk of a long block: only the parts around the sieve's places in it are matched.
          const places = findPlaces(sieve!, item.text).map((p) => item.start + p);
          const parted = queueParts(item.seg, item, places, batch);
          chars += parted;
          sievedChars += item.text.length;
          if (parted === 0 && performance.now() >= deadline) break;
        }
        if (batch.length === 0) {
          matchMs += performance.now() - t;
          continue;
        }
        const texts = batch.map((b) => b.text);
        const wait = matcher!.pending?.(texts) ?? null;
        if (wait) {
          held = { batch, texts, chars };
          waitingFor = wait;
          matchMs += performance.now() - t;
          return;
        }
        scanBatch(batch, texts, chars, t);
      }
    };

    /** Matches one batch (`t`: when its matching began, for `matchMs`) and records what it found. */
    const scanBatch = (batch: QueueItem[], texts: string[], chars: number, t: number): void => {
      let matches: Match[] = [];
      const tScan = performance.now();
      try {
        matches = matcher!.scan(texts);
      } catch (err) {
        if (!matcherFailed) console.error('factcontext: matching failed', err);
        matcherFailed = true;
      }
      const tEnd = performance.now();
      const spent = tEnd - tScan;
      matchMs += tEnd - t;
      // The rate drops at once when a batch was slow (GC, a hard block) and recovers slowly.
      if (chars > 2_000 && spent > 0.05) {
        const measured = chars / spent;
        matcherRate = Math.min(measured, matcherRate * 0.8 + measured * 0.2);
      }
      matchedChars += chars;
      for (const m of matches) {
        const item = batch[m.block];
        if (!item) continue;
        const abs = item.start + m.start;
        if (abs < item.coreStart || abs >= item.coreEnd) continue;
        // Chunks of one block overlap: keep matches from different chunks from overlapping too.
        if (abs < (segEnd.get(item.seg) ?? -1)) continue;
        const absEnd = item.start + m.end;
        addOccurrence(item.seg, m, abs, absEnd);
        segEnd.set(item.seg, absEnd);
        live.add(item.seg);
        changed = true;
      }
    };

    let done = false;
    while (!done) {
      const sliceStart = performance.now();
      const deadline = sliceStart + SLICE_MS;
      // Walk a little ahead of matching so highlights appear progressively on large pages.
      const walkLimit = () => performance.now() >= deadline || queuedChars >= 65_536;
      let awaitMatcher = false;
      for (;;) {
        if (finder && !finder.done && walker.done && queuedChars < 65_536) {
          const w0 = performance.now();
          finder.run(walkLimit);
          walkMs += performance.now() - w0;
        }
        feedWalker();
        if (!walker.done && queuedChars < 65_536) {
          const w0 = performance.now();
          walker.run(walkLimit);
          walkMs += performance.now() - w0;
        }
        if (held || queueHead < queue.length) {
          // Loaded (or still loading) since the finder's first place: the slice ends, and waits for it.
          if (!matcher) {
            awaitMatcher = true;
            break;
          }
          matchQueued(deadline);
          if (waitingFor) break;
        }
        if (performance.now() >= deadline) break;
        if ((!finder || finder.done) && walker.done && !feedWalker() && !held && queueHead >= queue.length) {
          done = true;
          break;
        }
      }
      if (queueHead > 4_096) {
        queue.splice(0, queueHead);
        queueHead = 0;
      }
      // Once a full pass has read the page, its size decides whether our highlights draw a line: before
      // the first of them is shown (the finder reads all the text before it finds a place).
      if (full && !sizeKnown) {
        if (finder ? finder.chars > 0 || finder.done : walker.done) {
          sizeKnown = true;
          style.setUnderlines((finder ? finder.chars : walker.chars) <= underlineMaxChars);
        }
      }
      if (changed) showHighlights();
      const sliceEnd = performance.now();
      const spent = sliceEnd - sliceStart;
      busy += spent;
      longest = Math.max(longest, spent);
      slices++;
      if (awaitMatcher || waitingFor) {
        if (awaitMatcher) await loadMatcher();
        else {
          // The rest of the matcher (the pack's body): read only now that a block needs it.
          await waitingFor;
          waitingFor = null;
        }
        if (token !== generation) return;
        // The task that brought the pack in has parsed it and restored the matcher: the next slice, the
        // matcher's first and coldest, gets a task of its own (keeping its place ahead of other tasks).
        await yieldToMain();
        if (token !== generation) return;
      } else if (!done) {
        // While hidden, the site's setting is still on its way from storage: let it in between slices.
        // The page's first highlights are painted before the pass goes on: a `scheduler.yield()`
        // continuation runs ahead of rendering, and the rest of a cold pass would keep them off screen.
        // Shown by show() while the pass waited (the site's setting arrived), they are painted before the
        // next slice too.
        if (!firstPaintPending) await yieldToMain({ behindOthers: hidden });
        if (token !== generation) return;
        if (firstPaintPending) {
          firstPaintPending = false;
          await afterNextFrame(view, 50);
          if (token !== generation) return;
        }
      }
    }

    if (activeFinder === finder) activeFinder = null;
    // Drop occurrences whose text left the document or whose block changed (not seen again in this pass).
    const t1 = performance.now();
    for (const seg of [...live]) {
      if (seg.pass === pass) continue;
      const nodes = seg.block.nodes;
      const gone = !nodes[0]!.isConnected || !nodes[nodes.length - 1]!.isConnected;
      if (gone || full || scanRoots.some((r) => containsComposed(r, nodes[0]!))) {
        dropSegment(seg);
        changed = true;
      }
    }
    // A new view of the page may have another background: its palette is checked again.
    if (full && !hidden && style.isActive) style.activate();
    showHighlights();
    const end = performance.now();
    busy += end - t1;
    slices++;
    const detail: ScanDetail = {
      chars: finder ? finder.chars : walker.chars,
      nodes: walker.nodes + (finder?.nodes ?? 0),
      matches: all.size,
      busyMs: busy,
      longestSliceMs: Math.max(longest, end - t1),
      slices,
      matchedChars,
      sievedChars,
      skippedChars,
      matchMs,
      walkMs,
      incremental: !full,
    };
    try {
      performance.measure('factcontext:scan', { start: t0, end, detail });
    } catch {
      // A page may have replaced performance.measure; the scan still counts.
    }
    if (changed) notify();
  }

  /** Runs queued passes one after another: a full pass if requested, else the dirty subtrees. */
  async function pump(): Promise<void> {
    if (passRunning) return;
    passRunning = true;
    const token = generation;
    try {
      if (prunePending && !fullPending && !dirty.size) prune();
      while (running && token === generation && (fullPending || dirty.size)) {
        if (fullPending) {
          fullPending = false;
          dirty.clear();
          await runPass(null);
        } else {
          const roots = normaliseRoots([...dirty]);
          dirty.clear();
          if (roots === null) await runPass(null);
          else if (roots.length) await runPass(roots);
        }
      }
    } catch (err) {
      console.error('factcontext: scan failed', err);
    } finally {
      if (token === generation) passRunning = false;
    }
  }

  /** Drops occurrences whose text left the document (removed subtrees), without scanning anything. */
  function prune(): void {
    prunePending = false;
    let changed = false;
    for (const seg of [...live]) {
      const nodes = seg.block.nodes;
      if (!nodes[0]!.isConnected || !nodes[nodes.length - 1]!.isConnected) {
        dropSegment(seg);
        changed = true;
      }
    }
    if (changed) {
      showHighlights();
      notify();
    }
  }

  /** Keeps the outermost connected roots; null means "rescan everything". */
  function normaliseRoots(nodes: Node[]): Node[] | null {
    const connected = nodes.filter((n) => n.isConnected);
    if (connected.length > 256) return null;
    const body = doc.body;
    if (connected.some((n) => n === body || n === doc.documentElement || n === doc)) return null;
    return connected.filter((n) => !connected.some((m) => m !== n && containsComposed(m, n)));
  }

  function schedule(full: boolean): void {
    if (full) fullPending = true;
    if (passRunning) return;
    if (full) {
      if (mutationTimer) clearTimeout(mutationTimer);
      mutationTimer = null;
      void pump();
      return;
    }
    if (!mutationTimer) {
      mutationTimer = setTimeout(() => {
        mutationTimer = null;
        void pump();
      }, MUTATION_DELAY_MS);
    }
  }

  // ---- keeping up with the page ------------------------------------------------------------------

  const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true };

  function hasDirectText(parent: Node): boolean {
    let i = 0;
    for (let c = parent.firstChild; c && i < 64; c = c.nextSibling, i++) {
      if (c.nodeType === 3 && /\S/.test((c as Text).data)) return true;
    }
    return false;
  }

  /** A record of our UI host being added or removed, which changes no text of the page. */
  function isOurUiRecord(r: MutationRecord): boolean {
    if (r.type !== 'childList') return false;
    for (const list of [r.addedNodes, r.removedNodes])
      for (let i = 0; i < list.length; i++) if (!isOurUiElement(list[i]!)) return false;
    return true;
  }

  function onMutations(records: MutationRecord[]): void {
    if (!running) return;
    // Before the browser renders again: an element added or removed beside one holding a highlight moves it,
    // and the rules that style it name its position.
    if (scope.noteChanges(records) && !hidden) style.update();
    const href = view.location.href;
    if (href !== lastHref) {
      lastHref = href;
      schedule(true);
      return;
    }
    const seenTargets = new Set<Node>();
    let any = false;
    for (const r of records) {
      const target = r.target;
      if (activeFinder && !isOurUiRecord(r)) activeFinder.noteChange(target);
      if (r.type === 'characterData') {
        if (seenTargets.has(target)) continue;
        seenTargets.add(target);
        if (isInsideSkipped(target)) continue;
        dirty.add(blockOwnerOf(target));
        any = true;
        continue;
      }
      if (r.type !== 'childList') continue;
      let textual = false;
      let blocks = false;
      for (const list of [r.addedNodes, r.removedNodes]) {
        for (let i = 0; i < list.length; i++) {
          const n = list[i]!;
          if (n.nodeType === 3) textual = true;
          else if (n.nodeType === 1) {
            const el = n as Element;
            if (isInline(el)) textual = true;
            else if (list === r.addedNodes && el.isConnected) {
              if (isOurUiElement(el)) continue;
              dirty.add(el);
              any = true;
              blocks = true;
            } else if (list === r.removedNodes) {
              // A removed block: its occurrences are dropped (text around it may now join, see below).
              prunePending = true;
              blocks = true;
            }
          }
        }
      }
      if (!textual && !(blocks && hasDirectText(target))) continue;
      if (seenTargets.has(target)) continue;
      seenTargets.add(target);
      if (isInsideSkipped(target)) continue;
      dirty.add(target.nodeType === 1 && !isInline(target as Element) ? target : blockOwnerOf(target));
      any = true;
    }
    if (prunePending && !any) schedule(false);
    if (any) {
      // Filter added subtrees that are inside skipped elements (e.g. our UI host, a script's text).
      for (const n of dirty) if (n.nodeType === 1 && isInsideSkipped(n)) dirty.delete(n);
      schedule(false);
    }
  }

  function watch(): void {
    if (!running) return;
    if (all.size && !hidden) {
      highlights.sync();
      style.ensureAdopted();
    }
    const href = view.location.href;
    if (href !== lastHref) {
      lastHref = href;
      schedule(true);
    }
  }

  function listenForNavigation(): () => void {
    const onNavigate = () => {
      const href = view.location.href;
      if (href === lastHref) return;
      lastHref = href;
      // Let the page swap its content first; mutations are picked up by the same pass or the next.
      setTimeout(() => running && schedule(true), MUTATION_DELAY_MS);
    };
    const nav = (view as { navigation?: EventTarget }).navigation;
    nav?.addEventListener('currententrychange', onNavigate);
    view.addEventListener('popstate', onNavigate);
    view.addEventListener('hashchange', onNavigate);
    return () => {
      nav?.removeEventListener('currententrychange', onNavigate);
      view.removeEventListener('popstate', onNavigate);
      view.removeEventListener('hashchange', onNavigate);
    };
  }

  // ---- hit testing -------------------------------------------------------------------------------

  const rectsContain = (range: AbstractRange, x: number, y: number): boolean => {
    const rects = (range as Range).getClientRects();
    for (let i = 0; i < rects.length; i++) {
      const r = rects[i]!;
      if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
    }
    return false;
  };

  type HitResult = { highlight: Highlight; ranges: AbstractRange[] };
  type Registry = HighlightRegistry & {
    highlightsFromPoint?: (x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }) => HitResult[];
  };

  function hitTest(x: number, y: number): Occurrence | null {
    if (!all.size || hidden) return null;
    const registry = CSS.highlights as Registry;
    if (typeof registry.highlightsFromPoint === 'function') {
      let results: HitResult[] = [];
      try {
        results = registry.highlightsFromPoint(x, y, { shadowRoots: [...shadowRoots] });
      } catch {
        results = [];
      }
      for (const r of results) {
        if (!highlights.statusOf(r.highlight)) continue;
        for (const range of r.ranges ?? []) {
          const o = byRange.get(range);
          if (o) return o;
        }
      }
      // highlightsFromPoint only sees registered highlights: fall through in case the page removed ours.
      if (results.length || !highlights.sync()) return null;
    }
    const d = doc as Document & {
      caretPositionFromPoint?: (
        x: number,
        y: number,
        options?: { shadowRoots?: ShadowRoot[] },
      ) => { offsetNode: Node; offset: number } | null;
    };
    let node: Node | null = null;
    if (typeof d.caretPositionFromPoint === 'function') {
      node = d.caretPositionFromPoint(x, y, { shadowRoots: [...shadowRoots] })?.offsetNode ?? null;
    } else if (typeof doc.caretRangeFromPoint === 'function') {
      node = doc.caretRangeFromPoint(x, y)?.startContainer ?? null;
    }
    if (!node || node.nodeType !== 3) return null;
    const list = byNode.get(node as Text);
    if (!list) return null;
    for (const o of list) if (rectsContain(o.range, x, y)) return o;
    return null;
  }

  // ---- navigation --------------------------------------------------------------------------------

  function step(from: Occurrence | null, dir: 1 | -1, narrativeId?: string): Occurrence | null {
    if (hidden) return null;
    const list = sortedOccurrences();
    const n = list.length;
    if (!n) return null;
    const fits = (o: Occurrence) => !narrativeId || o.narratives.some((x) => x.id === narrativeId);
    let index: number;
    if (!from) index = dir === 1 ? -1 : n;
    else {
      const known = orderIndex.get(from);
      if (known !== undefined) index = known;
      else {
        // A stale occurrence (its block was rescanned): continue from where its range starts.
        const r = from.range;
        let lo = 0;
        let hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          const c = compareBoundary(
            list[mid]!.range.startContainer,
            list[mid]!.range.startOffset,
            r.startContainer,
            r.startOffset,
          );
          if (c < 0) lo = mid + 1;
          else hi = mid;
        }
        // lo is the first occurrence at or after `from`; stepping forward starts there.
        index = dir === 1 ? lo - 1 : lo;
      }
    }
    for (let k = 1; k <= n; k++) {
      const o = list[(((index + dir * k) % n) + n) % n]!;
      if (fits(o)) return o;
    }
    return null;
  }

  function reveal(o: Occurrence): void {
    const node = o.range.startContainer;
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!el) return;
    const reduced = view.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    const rect = o.range.getBoundingClientRect();
    const inView = rect.height > 0 && rect.top >= 0 && rect.bottom <= view.innerHeight;
    if (!inView) el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: reduced ? 'instant' : 'smooth' });
    highlights.flash.clear();
    highlights.flash.add(o.range);
    // The flash's rule names this occurrence's elements; it stays after the flash (an empty highlight
    // paints nothing), until the next one.
    scope.replace(FLASH_HIGHLIGHT, elementsOf.get(o) ?? []);
    style.update();
    highlights.sync();
    if (flashTimer) clearTimeout(flashTimer);
    flashTimer = setTimeout(
      () => {
        flashTimer = null;
        highlights.flash.clear();
        if (CSS.highlights.get('factcontext-flash') === highlights.flash) CSS.highlights.delete('factcontext-flash');
      },
      reduced ? 1_500 : 1_000,
    );
  }

  // ---- lifecycle ---------------------------------------------------------------------------------

  function start(options: { hidden?: boolean } = {}): void {
    if (running) {
      if (hidden && !options.hidden) show();
      return;
    }
    running = true;
    hidden = options.hidden === true;
    mark(hidden ? 'factcontext:engine-start-hidden' : 'factcontext:engine-start');
    generation++;
    lastHref = view.location.href;
    observer = new MutationObserver(onMutations);
    observer.observe(doc.documentElement ?? doc, OBSERVE);
    for (const root of shadowRoots) observer.observe(root, OBSERVE);
    watchTimer = setInterval(watch, WATCH_INTERVAL_MS);
    detachNavigation = listenForNavigation();
    if (hidden) {
      // Started with the content script, in the task that evaluated it: the first slice gets a task of its
      // own, so the two don't add up to one long task. On a page not yet painted, that task follows the
      // page's first frame: as a `scheduler.yield()` continuation it would run ahead of the browser's
      // rendering, and the page's first paint would wait for our cold first slice.
      const token = generation;
      fullPending = true;
      const firstSlice = pageHasPainted(view) ? yieldToMain() : afterNextFrame(view, 50);
      void firstSlice.then(() => running && token === generation && schedule(true));
    } else schedule(true);
  }

  /** Ends a hidden start: what the passes so far found is highlighted at once, and listeners told. */
  function show(): void {
    hidden = false;
    mark('factcontext:engine-start');
    for (const root of shadowRoots) style.adoptInto(root);
    if (all.size) {
      showHighlights();
      notify();
    }
  }

  function stop(): void {
    if (!running) return;
    const wasHidden = hidden;
    hidden = false;
    running = false;
    shownAny = firstPaintPending = false;
    generation++;
    passRunning = false;
    fullPending = false;
    dirty.clear();
    observer?.disconnect();
    observer = null;
    if (watchTimer) clearInterval(watchTimer);
    watchTimer = null;
    if (mutationTimer) clearTimeout(mutationTimer);
    mutationTimer = null;
    if (flashTimer) clearTimeout(flashTimer);
    flashTimer = null;
    detachNavigation?.();
    detachNavigation = null;
    highlights.clear();
    style.remove();
    const had = all.size > 0;
    for (const seg of [...live]) dropSegment(seg);
    scope.clear();
    all.clear();
    byNode.clear();
    byRange.clear();
    epoch = ++lastEpoch;
    ordered = [];
    orderIndex = new Map();
    orderValid = true;
    if (had && !wasHidden) notify();
  }

  return {
    get running() {
      return running;
    },
    get hidden() {
      return running && hidden;
    },
    start,
    stop,
    occurrences: () => sortedOccurrences(),
    hitTest,
    step,
    reveal,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    summary: summarise,
    setStyleOverrides: (overrides) => style.setOverrides(overrides),
  };
}

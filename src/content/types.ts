import type { EvidenceStatus } from '../core/pack/evidence';
import type { Language, Narrative } from '../core/pack/schema';
import type { StyleOverrides } from './engine/highlight-style';

/** One highlighted occurrence of a narrative phrase on the page. */
export interface Occurrence {
  /** Stable for the lifetime of the occurrence; changes when its block is rescanned. */
  id: number;
  range: Range;
  /** Every narrative that applies, primary first. */
  narratives: Narrative[];
  status: EvidenceStatus;
  text: string;
  lang: Language;
  pattern: string;
}

/** Counts of highlighted occurrences, per narrative id and in total. */
export interface PageSummary {
  total: number;
  byNarrative: Record<string, number>;
}

/**
 * The page side's scanning and highlighting engine (src/content/engine). It never changes the page's DOM:
 * highlights go through CSS.highlights.
 */
export interface PageEngine {
  /**
   * Scans the document and keeps up with changes until stop(). Safe to call again after stop(). With
   * `hidden`, it scans but shows nothing (no highlight registered, no stylesheet, no change listener
   * called) until start() is called again without it: the page load scans while the site's setting is
   * still being read, and shows the result at once if the site is on.
   */
  start(options?: { hidden?: boolean }): void;
  /** Removes every highlight we made and stops observing. */
  stop(): void;
  readonly running: boolean;
  /** True while started hidden. */
  readonly hidden: boolean;
  occurrences(): readonly Occurrence[];
  /** The occurrence under a viewport point, verified against the range's client rects. */
  hitTest(clientX: number, clientY: number): Occurrence | null;
  /** The next (dir 1) or previous (dir -1) occurrence in document order, wrapping; optionally of one narrative. */
  step(from: Occurrence | null, dir: 1 | -1, narrativeId?: string): Occurrence | null;
  /** Called after every scan pass that changed the set of occurrences. Returns an unsubscribe function. */
  onChange(listener: (summary: PageSummary) => void): () => void;
  summary(): PageSummary;
  /**
   * Declarations, by highlight name, that follow the engine's own (the reader's colours and line style; {}
   * for none). They are part of the engine's stylesheet, which the page gets with its first highlight.
   */
  setStyleOverrides(overrides: StyleOverrides): void;
  /**
   * Scrolls an occurrence into view (smoothly unless the reader prefers reduced motion) and flashes it
   * briefly (the `factcontext-flash` highlight). Used by the "next/previous highlight" commands.
   */
  reveal?(occurrence: Occurrence): void;
}

/** The popover host (src/content/popover-host): shows one popover at a time for an occurrence. */
export interface PopoverHost {
  /** Opens the popover for an occurrence; with focus, moves keyboard focus into it. */
  open(occurrence: Occurrence, options?: { focus?: boolean; pinned?: boolean }): void;
  close(): void;
  destroy(): void;
}

/** What the popover's action buttons do; supplied by the content script's wiring (site control). */
export interface PopoverActions {
  /** "Not relevant here": record a false-positive report for this occurrence (stored locally). */
  notRelevant(occurrence: Occurrence): void;
  /** "Report a problem": open a prefilled report the reader can review and send. */
  reportProblem(occurrence: Occurrence): void;
  /** "Turn off on this site". */
  turnOffSite(): void;
  /** "More": open the options page at this narrative. */
  openMore(narrativeId: string): void;
}

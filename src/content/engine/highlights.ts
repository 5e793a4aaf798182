import { EVIDENCE_STATUSES, type EvidenceStatus } from '../../core/pack/evidence';

/** Prefix of every highlight name we register; the registry is shared with the page. */
export const HIGHLIGHT_PREFIX = 'factcontext';

/** The temporary highlight that flashes an occurrence revealed by keyboard navigation. */
export const FLASH_HIGHLIGHT = `${HIGHLIGHT_PREFIX}-flash`;

export function highlightName(status: EvidenceStatus): string {
  return `${HIGHLIGHT_PREFIX}-${status}`;
}

/**
 * Our entries in CSS.highlights: one Highlight object per evidence status, kept for the engine's
 * lifetime and updated range by range. The page shares the registry: we never clear it, and we put our
 * entries back if the page deletes or replaces them.
 */
export class HighlightSet {
  private readonly byStatus = new Map<EvidenceStatus, Highlight>();
  readonly flash = new Highlight();

  constructor() {
    for (const status of EVIDENCE_STATUSES) this.byStatus.set(status, new Highlight());
    this.flash.priority = 1;
  }

  add(status: EvidenceStatus, range: Range): void {
    this.byStatus.get(status)!.add(range);
  }

  delete(status: EvidenceStatus, range: Range): void {
    this.byStatus.get(status)!.delete(range);
  }

  /** The status whose Highlight is this object, if it is one of ours. */
  statusOf(highlight: unknown): EvidenceStatus | null {
    for (const [status, h] of this.byStatus) if (h === highlight) return status;
    return null;
  }

  isOurs(highlight: unknown): boolean {
    return highlight === this.flash || this.statusOf(highlight) !== null;
  }

  /**
   * Registers every non-empty Highlight of ours that is missing from CSS.highlights (the page may have
   * deleted it or called clear()), and unregisters empty ones. Cheap: one lookup per status.
   * Returns true when something had to be restored.
   */
  sync(): boolean {
    let restored = false;
    for (const [status, h] of this.byStatus) {
      const name = highlightName(status);
      if (h.size) {
        if (CSS.highlights.get(name) !== h) {
          CSS.highlights.set(name, h);
          restored = true;
        }
      } else if (CSS.highlights.get(name) === h) CSS.highlights.delete(name);
    }
    if (this.flash.size && CSS.highlights.get(FLASH_HIGHLIGHT) !== this.flash) {
      CSS.highlights.set(FLASH_HIGHLIGHT, this.flash);
      restored = true;
    }
    return restored;
  }

  /** Empties our Highlights and removes our entries (only ours) from CSS.highlights. */
  clear(): void {
    for (const [status, h] of this.byStatus) {
      h.clear();
      const name = highlightName(status);
      if (CSS.highlights.get(name) === h) CSS.highlights.delete(name);
    }
    this.flash.clear();
    if (CSS.highlights.get(FLASH_HIGHLIGHT) === this.flash) CSS.highlights.delete(FLASH_HIGHLIGHT);
  }
}

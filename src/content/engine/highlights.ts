import type { EvidenceStatus } from '../../core/pack/evidence';

/** Prefix of every highlight name we register; the registry is shared with the page. */
export const HIGHLIGHT_PREFIX = 'factcontext';

export function highlightName(status: EvidenceStatus): string {
  return `${HIGHLIGHT_PREFIX}-${status}`;
}

/** Replaces our entries in CSS.highlights, one Highlight per evidence status. Never clears the page's. */
export function setHighlights(rangesByStatus: Map<EvidenceStatus, Range[]>): void {
  for (const name of [...CSS.highlights.keys()]) {
    if (name.startsWith(`${HIGHLIGHT_PREFIX}-`)) CSS.highlights.delete(name);
  }
  for (const [status, ranges] of rangesByStatus) {
    if (ranges.length) CSS.highlights.set(highlightName(status), new Highlight(...ranges));
  }
}

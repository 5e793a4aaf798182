import type { Narrative } from '../../core/pack/schema';
import { EVIDENCE_STATUS_INFO } from '../../core/pack/evidence';

export interface PopoverProps {
  narrative: Narrative;
}

/** The narrative's counter-analysis and evidence status. Pack text is rendered as text only. */
export function Popover({ narrative }: PopoverProps) {
  const status = EVIDENCE_STATUS_INFO[narrative.evidence.status];
  return (
    <div role="dialog" aria-labelledby="fc-title" class="fc-popover">
      <h2 id="fc-title">{narrative.title}</h2>
      <p class="fc-status">{status.label}</p>
      <h3>What is claimed</h3>
      <p>{narrative.claim}</p>
      <h3>What the analysis says</h3>
      <p>{narrative.counterAnalysis}</p>
    </div>
  );
}

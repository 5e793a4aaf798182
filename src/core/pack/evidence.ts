/**
 * The closed vocabulary of evidence statuses. Each status has a reader-facing label, a one-line
 * definition, and the `alternateName` it maps to in a schema.org ClaimReview rating.
 * UI strings are translated in `locales/`; these English texts are the source of truth for packs
 * and exports.
 */
export const EVIDENCE_STATUSES = [
  'no-evidence',
  'speculative-forecast',
  'disputed',
  'missing-context',
  'framing',
  'outdated',
  'unverified',
  'analyst-forecast',
] as const;

export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

export interface EvidenceStatusInfo {
  label: string;
  definition: string;
  claimReviewAlternateName: string;
}

export const EVIDENCE_STATUS_INFO: Record<EvidenceStatus, EvidenceStatusInfo> = {
  'no-evidence': {
    label: 'No evidence presented',
    definition: 'The claim is made, but no facts supporting it have been shown.',
    claimReviewAlternateName: 'No evidence',
  },
  'speculative-forecast': {
    label: 'Speculative forecast',
    definition: 'A prediction about the future that extrapolates from the past rather than from current facts.',
    claimReviewAlternateName: 'Speculative',
  },
  disputed: {
    label: 'Disputed',
    definition: 'The claim is contested by the analysis, which gives reasons to doubt it.',
    claimReviewAlternateName: 'Disputed',
  },
  'missing-context': {
    label: 'Missing context',
    definition: 'The statement leaves out facts that change how it should be read.',
    claimReviewAlternateName: 'Missing context',
  },
  framing: {
    label: 'Framing, not a factual claim',
    definition: 'Loaded wording or a point of view presented as if it were a fact.',
    claimReviewAlternateName: 'Framing',
  },
  outdated: {
    label: 'Outdated',
    definition: 'It was once on the agenda, but the situation has moved on.',
    claimReviewAlternateName: 'Outdated',
  },
  unverified: {
    label: 'Unverified',
    definition: 'Reported, but not independently confirmed.',
    claimReviewAlternateName: 'Unverified',
  },
  'analyst-forecast': {
    label: "Analyst's forecast",
    definition: "The analysis's own assessment of what may happen; a reasoned view, not an established fact.",
    claimReviewAlternateName: 'Analysis',
  },
};

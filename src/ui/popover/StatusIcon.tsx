import type { EvidenceStatus } from '../../core/pack/evidence';

/** 16×16 line icons, one per evidence status; decorative (the label carries the meaning). */
const PATHS: Record<EvidenceStatus, string> = {
  // A circle with a slash: nothing shown.
  'no-evidence': 'M8 1.75a6.25 6.25 0 1 0 0 12.5a6.25 6.25 0 1 0 0-12.5ZM3.6 12.4 12.4 3.6',
  // A dashed line going up: a projection.
  'speculative-forecast': 'M1.75 12.5 5 9.25l2.5 2L10 8.5M12 6.5l2.25-2.75M11 3.75h3.25V7',
  // Two arrows pointing at each other.
  disputed: 'M1.75 5.5h7.5M6.75 3l2.5 2.5-2.5 2.5M14.25 10.5h-7.5M9.25 8l-2.5 2.5 2.5 2.5',
  // A frame with a missing corner.
  'missing-context': 'M8.5 2.25H2.25v11.5h11.5V7.5M11 2.25h2.75V5',
  // A frame around a dot.
  framing: 'M2.25 5V2.25H5M11 2.25h2.75V5M13.75 11v2.75H11M5 13.75H2.25V11M8 6.5a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3Z',
  // A clock.
  outdated: 'M8 1.75a6.25 6.25 0 1 0 0 12.5a6.25 6.25 0 1 0 0-12.5ZM8 4.5V8l2.5 1.75',
  // A question mark.
  unverified: 'M5.75 5.75a2.25 2.25 0 1 1 3.5 1.9c-.8.5-1.25 1-1.25 1.85v.5M8 12.25v.25',
  // A light bulb.
  'analyst-forecast':
    'M6 12.5h4M6.5 14.5h3M5.25 10.25A4.25 4.25 0 1 1 10.75 10.25c-.5.4-.75.9-.75 1.5H6c0-.6-.25-1.1-.75-1.5Z',
};

export function StatusIcon({ status }: { status: EvidenceStatus }) {
  return (
    <svg
      class="fc-status-icon"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="1.5"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={PATHS[status]} />
    </svg>
  );
}

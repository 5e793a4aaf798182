import * as v from 'valibot';
import { EVIDENCE_STATUSES, type EvidenceStatus } from '../core/pack/evidence';
import { LANGUAGES, type Language } from '../core/pack/schema';
import type { DefaultPolicy, SiteRule } from './hosts';

export const HIGHLIGHT_STYLES = ['underline', 'background', 'both'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

export interface Appearance {
  style: HighlightStyle;
  /** One colour per evidence status, `#rrggbb`. */
  colors: Record<EvidenceStatus, string>;
  /** Delay before the popover opens on hover, in milliseconds. */
  hoverDelayMs: number;
}

/** Everything stored in `sync` except the site rules (which are sharded, see site-rules.ts). */
export interface Preferences {
  policy: DefaultPolicy;
  paused: boolean;
  appearance: Appearance;
  /** Languages to detect on pages. */
  languages: Language[];
  /** Pack ids the reader switched off. */
  disabledPacks: string[];
}

/** The full settings as the rest of the extension sees them. */
export interface Settings extends Preferences {
  rules: SiteRule[];
}

/**
 * Default underline colours per status: the page engine's own palette for light pages. While the
 * reader keeps these defaults, the engine's palette (which adapts to dark pages) is used unchanged.
 */
export const DEFAULT_COLORS: Record<EvidenceStatus, string> = {
  'no-evidence': '#b04800',
  'speculative-forecast': '#006e64',
  disputed: '#aa1414',
  'missing-context': '#0050aa',
  framing: '#641eaa',
  outdated: '#505050',
  unverified: '#8c6400',
  'analyst-forecast': '#286e14',
};

export const HOVER_DELAY_MIN = 0;
export const HOVER_DELAY_MAX = 2000;

export function defaultPreferences(): Preferences {
  return {
    policy: 'all-except-listed',
    paused: false,
    appearance: { style: 'both', colors: { ...DEFAULT_COLORS }, hoverDelayMs: 300 },
    languages: [...LANGUAGES],
    disabledPacks: [],
  };
}

export function defaultSettings(): Settings {
  return { ...defaultPreferences(), rules: [] };
}

const color = v.pipe(v.string(), v.regex(/^#[0-9a-f]{6}$/i));

export const PreferencesSchema = v.object({
  policy: v.picklist(['all-except-listed', 'only-listed']),
  paused: v.boolean(),
  appearance: v.object({
    style: v.picklist(HIGHLIGHT_STYLES),
    colors: v.object(
      Object.fromEntries(EVIDENCE_STATUSES.map((s) => [s, color])) as Record<EvidenceStatus, typeof color>,
    ),
    hoverDelayMs: v.pipe(v.number(), v.integer(), v.minValue(HOVER_DELAY_MIN), v.maxValue(HOVER_DELAY_MAX)),
  }),
  languages: v.array(v.picklist(LANGUAGES)),
  disabledPacks: v.array(v.string()),
});

export const SiteRuleSchema = v.object({
  host: v.pipe(v.string(), v.minLength(1)),
  mode: v.picklist(['on', 'off']),
  includeSubdomains: v.boolean(),
});

export const SettingsSchema = v.object({
  ...PreferencesSchema.entries,
  rules: v.array(SiteRuleSchema),
});

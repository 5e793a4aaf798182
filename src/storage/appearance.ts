import { EVIDENCE_STATUSES } from '../core/pack/evidence';
import { DEFAULT_COLORS, type Appearance } from './settings';

/** WCAG relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio between two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Underlines are non-text graphics: WCAG 1.4.11 asks for 3:1 against the page background. */
export const MIN_UNDERLINE_CONTRAST = 3;

export const LIGHT_PAGE = '#ffffff';
export const DARK_PAGE = '#1e1e1e';

/** Whether the reader changed the look from the defaults (then our override sheet applies). */
export function isCustomAppearance(a: Appearance): boolean {
  return a.style !== 'both' || EVIDENCE_STATUSES.some((s) => a.colors[s].toLowerCase() !== DEFAULT_COLORS[s]);
}

/**
 * The declarations, by highlight name, that apply the reader's style and colours over the engine's
 * defaults (they follow the engine's own rules, with the same selectors), or null.
 */
export function appearanceRules(
  a: Appearance,
  highlightName: (status: (typeof EVIDENCE_STATUSES)[number]) => string,
): Record<string, string> | null {
  if (!isCustomAppearance(a)) return null;
  const rules: Record<string, string> = {};
  for (const status of EVIDENCE_STATUSES) {
    const color = a.colors[status];
    const bg = a.style === 'underline' ? 'transparent' : `${color}40`;
    // Only the colour and line are replaced: the engine's line style per status group stays. A reader who
    // chose the line alone keeps it on the pages where the engine's own rules draw none (the largest).
    const line =
      a.style === 'background'
        ? 'text-decoration-line: none;'
        : a.style === 'underline'
          ? `text-decoration-line: underline; text-decoration-color: ${color};`
          : `text-decoration-color: ${color};`;
    rules[highlightName(status)] = `background-color: ${bg}; ${line}`;
  }
  return rules;
}

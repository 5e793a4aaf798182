import { describe, expect, it } from 'vitest';
import { appearanceRules, contrastRatio, isCustomAppearance } from './appearance';
import { DEFAULT_COLORS, defaultPreferences } from './settings';

const name = (s: string) => `factcontext-${s}`;

describe('appearance', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThan(4.5);
  });

  it('default colours are visible on white pages', () => {
    for (const color of Object.values(DEFAULT_COLORS))
      expect(contrastRatio(color, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('leaves the engine palette alone by default and overrides it when customised', () => {
    const a = defaultPreferences().appearance;
    expect(isCustomAppearance(a)).toBe(false);
    expect(appearanceRules(a, name)).toBeNull();
    const custom = { ...a, colors: { ...a.colors, disputed: '#123456' } };
    expect(appearanceRules(custom, name)?.['factcontext-disputed']).toBe(
      'background-color: #12345640; text-decoration-color: #123456;',
    );
    const underline = appearanceRules({ ...a, style: 'underline' }, name)!;
    expect(underline['factcontext-no-evidence']).toContain('background-color: transparent');
    // The line alone was asked for: it is drawn even where the engine's own rules draw none.
    expect(underline['factcontext-no-evidence']).toContain('text-decoration-line: underline');
    expect(appearanceRules(custom, name)?.['factcontext-disputed']).not.toContain('text-decoration-line');
    const background = appearanceRules({ ...a, style: 'background' }, name)!;
    expect(background['factcontext-framing']).toContain('text-decoration-line: none');
  });
});

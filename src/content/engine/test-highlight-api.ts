import { beforeAll, vi } from 'vitest';

/**
 * For the engine's tests under happy-dom, which has no CSS Custom Highlight API: a minimal stand-in (a
 * Highlight is a set of ranges, `CSS.highlights` a map), installed before the file's tests.
 */
export function useHighlightApiStandIn(): void {
  beforeAll(() => {
    const g = globalThis as unknown as { Highlight?: unknown; CSS?: { highlights?: unknown } };
    if (!g.Highlight) {
      g.Highlight = class extends Set<AbstractRange> {
        priority = 0;
        constructor(...ranges: AbstractRange[]) {
          super(ranges);
        }
      };
    }
    if (!g.CSS?.highlights) vi.stubGlobal('CSS', { highlights: new Map(), supports: () => true });
  });
}

/** The selectors of each of a sheet's rules for highlight `name` (its text as written), each rule's sorted. */
export function ruleSelectors(css: string, name: string): string[][] {
  return css
    .split('\n')
    .filter((rule) => rule.includes(`::highlight(${name})`))
    .map((rule) =>
      rule
        .slice(0, rule.indexOf('{'))
        .split(',')
        .map((s) => s.trim())
        .sort(),
    );
}

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

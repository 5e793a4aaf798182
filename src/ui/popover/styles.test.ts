import { describe, expect, it } from 'vitest';
import { POPOVER_CSS } from './styles';

describe('popover stylesheet', () => {
  it('sizes everything in px: no rem/em/vh-based font sizes that a page could scale', () => {
    expect(POPOVER_CSS).not.toMatch(/\d(\.\d+)?r?em\b/);
    const values = [...POPOVER_CSS.matchAll(/font-size:\s*([^;]+);/g)].map((m) => m[1]);
    expect(values.filter((v) => !/^\d+px$/.test(v!))).toEqual([]);
  });

  it('never sets text below 14 px', () => {
    const sizes = [...POPOVER_CSS.matchAll(/font-size:\s*(\d+)px/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(5);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
  });

  it('sets its own font stack and size on the root, and answers reduced motion, dark scheme and forced colours', () => {
    const root = POPOVER_CSS.slice(POPOVER_CSS.indexOf('.fc-popover {'), POPOVER_CSS.indexOf('@keyframes'));
    expect(root).toMatch(/font-family: system-ui/);
    expect(root).toMatch(/font-size: 15px/);
    expect(root).toMatch(/all: initial/);
    expect(POPOVER_CSS).toContain('@media (prefers-reduced-motion: reduce)');
    expect(POPOVER_CSS).toContain('@media (prefers-color-scheme: dark)');
    expect(POPOVER_CSS).toContain('@media (forced-colors: active)');
  });
});

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { compareBoundary, containsComposed } from './order';

describe('document order across shadow trees', () => {
  it('orders light DOM, shadow content (at the host) and later content', () => {
    document.body.innerHTML = '<p id="a">a</p><div id="host"><span id="light">light</span></div><p id="z">z</p>';
    const host = document.getElementById('host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>shadow</p>';
    const a = document.getElementById('a')!.firstChild!;
    const inShadow = shadow.querySelector('p')!.firstChild!;
    const z = document.getElementById('z')!.firstChild!;
    expect(compareBoundary(a, 0, inShadow, 0)).toBeLessThan(0);
    expect(compareBoundary(inShadow, 0, z, 0)).toBeLessThan(0);
    expect(compareBoundary(z, 0, inShadow, 0)).toBeGreaterThan(0);
    expect(compareBoundary(a, 1, a, 0)).toBeGreaterThan(0);
    expect(containsComposed(document.body, inShadow)).toBe(true);
    expect(containsComposed(document.getElementById('a')!, inShadow)).toBe(false);
  });
});

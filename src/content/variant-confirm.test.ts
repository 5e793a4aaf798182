import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useVariantConfirm, variantConfirmGiven } from '../core/match/fuzzy';
import { fuseConfirm } from '../core/match/fuse-confirm';
import { testPack } from '../core/match/test-pack';
import { compiledMatcherForPage, loadVariantConfirm } from './variant-confirm';
import { provideToContentScript, VARIANT_CONFIRM_SLOT } from './injected-slot';

const provideVariantConfirm = (confirm: unknown) => provideToContentScript(VARIANT_CONFIRM_SLOT, confirm);
const slotValue = () => (globalThis as Record<string, unknown>)[VARIANT_CONFIRM_SLOT];

// A content script starts without a scorer: it is not part of its code.
beforeEach(() => useVariantConfirm(null));
afterEach(() => {
  delete (globalThis as Record<string, unknown>)[VARIANT_CONFIRM_SLOT];
  useVariantConfirm(fuseConfirm);
  vi.restoreAllMocks();
});

const longWords = testPack([{ id: 'leader', patterns: { en: ['lukashenko regime'] } }]);
const shortWords = testPack([{ id: 'tanks', patterns: { en: ['russian tanks'] } }]);

describe('loading the typo scorer', () => {
  it('has it injected and gives the typo stage what the injected script provides, once', async () => {
    const inject = vi.fn(async () => provideVariantConfirm(fuseConfirm));
    expect(await loadVariantConfirm(inject)).toBe(true);
    expect(variantConfirmGiven()).toBe(true);
    expect(await loadVariantConfirm(inject)).toBe(true);
    expect(inject).toHaveBeenCalledTimes(1);
    // Taken out of the world's global object once used.
    expect(slotValue()).toBeUndefined();
  });

  it('never uses one an earlier content script left in the world, and fails softly without one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    provideVariantConfirm(() => false);
    expect(await loadVariantConfirm(async () => null)).toBe(false);
    expect(variantConfirmGiven()).toBe(false);
    expect(warn).toHaveBeenCalledWith('factcontext: the typo scorer did not load on this page');
    expect(await loadVariantConfirm(async () => Promise.reject(new Error('Frame with ID 0 was removed.')))).toBe(false);
    expect(warn).toHaveBeenLastCalledWith(
      'factcontext: the typo scorer could not be loaded on this page',
      expect.any(Error),
    );
    expect(variantConfirmGiven()).toBe(false);
  });
});

describe('a pack compiled on the page', () => {
  it('loads the scorer first when the pack has long words, and finds their variants with it', async () => {
    const inject = vi.fn(async () => provideVariantConfirm(fuseConfirm));
    const matcher = await compiledMatcherForPage(longWords, {}, inject);
    expect(inject).toHaveBeenCalledTimes(1);
    expect(matcher.scan(['The Lukashenka regime said so.']).map((m) => m.text)).toEqual(['Lukashenka regime']);
  });

  it('loads nothing for a pack without long words, or with the typo stage off', async () => {
    const inject = vi.fn(async () => provideVariantConfirm(fuseConfirm));
    const matcher = await compiledMatcherForPage(shortWords, {}, inject);
    expect(matcher.scan(['Russian tanks.']).map((m) => m.text)).toEqual(['Russian tanks']);
    await compiledMatcherForPage(longWords, { fuzzy: false }, inject);
    expect(inject).not.toHaveBeenCalled();
  });

  it('still finds the variants when the scorer could not be loaded', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const matcher = await compiledMatcherForPage(longWords, {}, async () => Promise.reject(new Error('no tab')));
    expect(matcher.scan(['The Lukashenka regime said so.']).map((m) => m.text)).toEqual(['Lukashenka regime']);
  });
});

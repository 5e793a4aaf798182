import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPopoverUi, providePopoverUi, type PopoverUi } from './popover-ui';

const KEY = '__factcontextPopoverUi';
const fakeUi = (): PopoverUi => ({ createPopoverHost: vi.fn() as unknown as PopoverUi['createPopoverHost'] });

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[KEY];
});

describe('loading the popover’s code', () => {
  it('has it injected, and uses what the injected script provides', async () => {
    const ui = fakeUi();
    const inject = vi.fn(async () => providePopoverUi(ui));
    expect(await loadPopoverUi(inject)).toBe(ui);
    expect(inject).toHaveBeenCalledTimes(1);
  });

  it('never uses a copy an earlier content script left in the world (an extension reloaded under the page)', async () => {
    const stale = fakeUi();
    providePopoverUi(stale);
    const fresh = fakeUi();
    expect(await loadPopoverUi(async () => providePopoverUi(fresh))).toBe(fresh);
    // And when the fresh injection fails, the stale copy is not used either.
    providePopoverUi(stale);
    await expect(loadPopoverUi(async () => null)).rejects.toThrow('the popover script did not load');
  });

  it('fails clearly when the injection brought nothing usable', async () => {
    await expect(loadPopoverUi(async () => null)).rejects.toThrow('the popover script did not load');
    const broken = vi.fn(async () => {
      (globalThis as Record<string, unknown>)[KEY] = { createPopoverHost: 'not a function' };
    });
    await expect(loadPopoverUi(broken)).rejects.toThrow('the popover script did not load');
  });

  it('passes on why the injection failed', async () => {
    await expect(loadPopoverUi(async () => Promise.reject(new Error('no such frame')))).rejects.toThrow(
      'no such frame',
    );
  });
});

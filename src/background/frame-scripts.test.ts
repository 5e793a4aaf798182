import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { injectIntoFrame, POPOVER_UI_FILE, VARIANT_CONFIRM_FILE } from './frame-scripts';

type Loose = Record<string, unknown>;
const browserAny = fakeBrowser as unknown as Loose;

beforeEach(() => {
  fakeBrowser.reset();
  delete browserAny.scripting;
});

describe('injecting the popover script', () => {
  it('injects the built file into exactly the asking frame with the scripting API', async () => {
    const executeScript = vi.fn(async () => [{ frameId: 3, result: undefined }]);
    browserAny.scripting = { executeScript };
    await injectIntoFrame(7, 3, POPOVER_UI_FILE);
    expect(POPOVER_UI_FILE).toBe('/popover-ui.js');
    expect(executeScript).toHaveBeenCalledExactlyOnceWith({
      target: { tabId: 7, frameIds: [3] },
      files: ['/popover-ui.js'],
    });
  });

  it('uses tabs.executeScript where there is no scripting API (Firefox, Manifest V2), about:blank frames included', async () => {
    const executeScript = vi.fn(async () => [undefined]);
    (fakeBrowser.tabs as unknown as Loose).executeScript = executeScript;
    await injectIntoFrame(7, 0, POPOVER_UI_FILE);
    expect(executeScript).toHaveBeenCalledExactlyOnceWith(7, {
      file: '/popover-ui.js',
      frameId: 0,
      matchAboutBlank: true,
    });
  });

  it('injects the typo scorer’s built file the same way', async () => {
    const executeScript = vi.fn(async () => [{ frameId: 5, result: undefined }]);
    browserAny.scripting = { executeScript };
    await injectIntoFrame(2, 5, VARIANT_CONFIRM_FILE);
    expect(executeScript).toHaveBeenCalledExactlyOnceWith({
      target: { tabId: 2, frameIds: [5] },
      files: ['/variant-confirm.js'],
    });
  });

  it('fails with the browser’s reason when the frame cannot be injected', async () => {
    browserAny.scripting = {
      executeScript: vi.fn(async () => Promise.reject(new Error('Frame with ID 3 was removed.'))),
    };
    await expect(injectIntoFrame(7, 3, POPOVER_UI_FILE)).rejects.toThrow('Frame with ID 3 was removed.');
  });
});

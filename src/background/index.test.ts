import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeTextFor, tabStateFor } from './index';
import { defaultSettings } from '../storage/settings';
import { splitBundledPack } from '../storage/bundled-pack';
import { BUNDLED_PACK_BODY_KEY, BUNDLED_PACK_KEY } from '../storage/keys';

const COPY_KEYS = [BUNDLED_PACK_KEY, BUNDLED_PACK_BODY_KEY];
/** The two items storage keeps for a copy. */
const itemsOf = (data: Parameters<typeof splitBundledPack>[0]) => {
  const { head, body } = splitBundledPack(data);
  return { [BUNDLED_PACK_KEY]: head, [BUNDLED_PACK_BODY_KEY]: body };
};
import { createSettingsStore } from '../storage/store';
import { grantSessionAccessLevel, revokeSessionAccessLevel } from '../storage/test-reads';

beforeEach(() => fakeBrowser.reset());

describe('badge and tab state', () => {
  it('shows the count only where highlighting runs and something is highlighted', () => {
    expect(badgeTextFor('on', 7)).toBe('7');
    expect(badgeTextFor('on', 0)).toBe('');
    expect(badgeTextFor('off', 7)).toBe('');
    expect(badgeTextFor('paused', 7)).toBe('');
    expect(badgeTextFor('restricted', 7)).toBe('');
    expect(badgeTextFor('on', 12345)).toBe('999+');
  });

  it('derives the state from the URL and settings', () => {
    const s = defaultSettings();
    expect(tabStateFor('https://news.example.com/a', s)).toBe('on');
    expect(tabStateFor('chrome://extensions', s)).toBe('restricted');
    expect(tabStateFor('https://chromewebstore.google.com/x', s)).toBe('restricted');
    expect(tabStateFor(undefined, s)).toBe('restricted');
    expect(tabStateFor('https://news.example.com/a', { ...s, paused: true })).toBe('paused');
    expect(
      tabStateFor('https://news.example.com/a', {
        ...s,
        rules: [{ host: 'example.com', mode: 'off', includeSubdomains: true }],
      }),
    ).toBe('off');
  });
});

/** The browser APIs the background uses that the fake browser leaves unmocked; returns the menus' stub. */
function stubBrowserApis() {
  const browserAny = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  for (const fn of ['setBadgeText', 'setTitle', 'setIcon', 'setBadgeBackgroundColor', 'setBadgeTextColor'])
    browserAny.action![fn] = vi.fn(async () => {});
  const contextMenus = {
    removeAll: vi.fn(async () => {}),
    create: vi.fn(),
    update: vi.fn(async () => {}),
    onClicked: { addListener: vi.fn() },
  };
  browserAny.contextMenus = contextMenus;
  browserAny.commands = { onCommand: { addListener: vi.fn() } };
  browserAny.runtime!.getManifest = () => ({ manifest_version: 3 });
  (fakeBrowser.i18n as unknown as Record<string, unknown>).getMessage = (key: string) => key;
  return contextMenus;
}

describe('background', () => {
  it('relays commands to the tab, refuses restricted pages, and switches sites from the context menu', async () => {
    let menuClick: ((info: { menuItemId: string; pageUrl?: string }, tab?: { url?: string }) => void) | null = null;
    const calls: unknown[] = [];
    const browserAny = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
    browserAny.tabs!.sendMessage = vi.fn(async (tabId: number, message: unknown) => {
      calls.push([tabId, message]);
      return { handled: true };
    });
    const menus = stubBrowserApis();
    menus.onClicked.addListener.mockImplementation((l: typeof menuClick) => (menuClick = l));
    const { startBackground } = await import('./index');
    const api = startBackground();
    const news = await fakeBrowser.tabs.create({ url: 'https://news.example.com/a' });
    const settingsPage = await fakeBrowser.tabs.create({ url: 'chrome://settings' });
    expect(await api.runCommand('next-highlight', news.id)).toEqual({ ok: true });
    expect(calls).toEqual([[news.id, { type: 'command', command: 'next-highlight' }]]);
    expect(await api.runCommand('next-highlight', settingsPage.id)).toEqual({ ok: false, reason: 'restricted' });
    expect(calls).toHaveLength(1);
    expect((globalThis as { factcontextBackground?: unknown }).factcontextBackground).toBe(api);

    await vi.waitFor(() => expect(menus.create).toHaveBeenCalledTimes(2));
    expect(menus.create.mock.calls[0]![0]).toMatchObject({ contexts: ['page', 'selection', 'link', 'action'] });
    expect(menus.create.mock.calls.map((c) => (c[0] as { title: string }).title)).toEqual([
      'menu_turnOffSite',
      'menu_turnOnSite',
    ]);
    menuClick!({ menuItemId: 'factcontext-site-off' }, { url: 'https://news.example.com/a' });
    const store = createSettingsStore();
    await vi.waitFor(async () =>
      expect(await store.getRules()).toEqual([{ host: 'news.example.com', mode: 'off', includeSubdomains: false }]),
    );
    menuClick!({ menuItemId: 'factcontext-site-on' }, { url: 'https://news.example.com/b' });
    await vi.waitFor(async () => expect(await store.getRules()).toEqual([]));
  });

  it('stores the bundled pack on install and update, and sends it (storing it again) to a page that asks', async () => {
    stubBrowserApis();
    const data = {
      id: 'p@1#abc',
      pack: '{"narratives":[]}',
      index: '{}',
      tables: { elements: '', sequences: '', exact: '[]', stems: '[]', fuzzyWords: '[]' },
    };
    const source = vi.fn(async () => data);
    const { startBackground } = await import('./index');
    startBackground({ bundledPackData: source });
    expect(await fakeBrowser.storage.local.get(COPY_KEYS)).toEqual({});
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.9.0' });
    await vi.waitFor(async () => expect(await fakeBrowser.storage.local.get(COPY_KEYS)).toEqual(itemsOf(data)));
    await fakeBrowser.storage.local.remove(COPY_KEYS);
    expect(await fakeBrowser.runtime.sendMessage({ type: 'bundled-pack' })).toEqual(data);
    expect(await fakeBrowser.storage.local.get(COPY_KEYS)).toEqual(itemsOf(data));
    // Read once per worker.
    expect(source).toHaveBeenCalledTimes(1);
  });

  it('stores the copy again when the browser starts, in the session area where pages may read it', async () => {
    stubBrowserApis();
    const session = grantSessionAccessLevel();
    try {
      const data = {
        id: 'p@1#abc',
        pack: '{"narratives":[]}',
        index: '{}',
        tables: { elements: '', sequences: '', exact: '[]', stems: '[]', fuzzyWords: '[]' },
      };
      const { startBackground } = await import('./index');
      startBackground({ bundledPackData: async () => data });
      // The browser quit and started again: its session area is empty until the background runs.
      expect(await fakeBrowser.storage.session.get(COPY_KEYS)).toEqual({});
      await fakeBrowser.runtime.onStartup.trigger();
      await vi.waitFor(async () => expect(await fakeBrowser.storage.session.get(COPY_KEYS)).toEqual(itemsOf(data)));
      expect(session.setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS' });
      expect(await fakeBrowser.storage.local.get(COPY_KEYS)).toEqual({});
    } finally {
      revokeSessionAccessLevel();
    }
  });

  it('reads the bundled pack again after a failed read', async () => {
    stubBrowserApis();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const data = {
      id: 'p@1#abc',
      pack: '{"narratives":[]}',
      index: '{}',
      tables: { elements: '', sequences: '', exact: '[]', stems: '[]', fuzzyWords: '[]' },
    };
    const source = vi.fn(async () => data).mockRejectedValueOnce(new Error('unreadable'));
    const { startBackground } = await import('./index');
    startBackground({ bundledPackData: source });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await vi.waitFor(() =>
      expect(error).toHaveBeenCalledWith('factcontext: could not store the bundled pack', expect.any(Error)),
    );
    expect(await fakeBrowser.storage.local.get(COPY_KEYS)).toEqual({});
    expect(await fakeBrowser.runtime.sendMessage({ type: 'bundled-pack' })).toEqual(data);
    expect(source).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });
});

describe('background: scripts injected into a frame on request', () => {
  /** Sends `message` to the background's listeners as if from `sender`; resolves with the reply. */
  function ask(message: unknown, sender: Record<string, unknown>): Promise<unknown> {
    return new Promise((resolve) => {
      void fakeBrowser.runtime.onMessage.trigger(message, sender, resolve);
    });
  }

  it('injects it into the frame whose content script asks, and refuses a sender outside a tab', async () => {
    stubBrowserApis();
    const executeScript = vi.fn(async () => []);
    (fakeBrowser as unknown as Record<string, unknown>).scripting = { executeScript };
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { startBackground } = await import('./index');
    startBackground();
    // The popover's script once a frame has a highlight; the typo scorer for a frame whose pack needs it.
    for (const [type, file] of [
      ['popover-ui', '/popover-ui.js'],
      ['variant-confirm', '/variant-confirm.js'],
    ] as const) {
      executeScript.mockClear();
      expect(await ask({ type }, { tab: { id: 12 }, frameId: 4 })).toBeNull();
      expect(executeScript).toHaveBeenCalledExactlyOnceWith({ target: { tabId: 12, frameIds: [4] }, files: [file] });
      // No tab (another extension page): nothing injected, and the page is told it failed (no reply).
      expect(await ask({ type }, {})).toBeNull();
      expect(executeScript).toHaveBeenCalledTimes(1);
      expect(error).toHaveBeenLastCalledWith(`factcontext: handling "${type}" failed`, expect.any(Error));
    }
    error.mockRestore();
    delete (fakeBrowser as unknown as Record<string, unknown>).scripting;
  });
});

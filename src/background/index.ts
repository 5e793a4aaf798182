import { browser, type Browser } from 'wxt/browser';
import { i18n } from '#i18n';
import {
  COMMAND_NAMES,
  handleMessages,
  mergeSummaries,
  sendToTab,
  type BackgroundMessageType,
  type CommandName,
  type TabSummary,
} from '../messaging';
import { isBundledPackData, storeBundledPack, type BundledPackData } from '../storage/bundled-pack';
import { injectIntoSender, POPOVER_UI_FILE, VARIANT_CONFIRM_FILE } from './frame-scripts';
import { isEnabledFor, isRestrictedUrl, siteFromUrl } from '../storage/hosts';
import { addReport } from '../storage/reports';
import type { Settings } from '../storage/settings';
import { settingsStore } from '../storage/store';

/** The state of one tab as the toolbar shows it. */
export type TabState = 'on' | 'off' | 'paused' | 'restricted';

export interface CommandResult {
  ok: boolean;
  reason?: 'restricted' | 'no-tab' | 'no-content-script';
}

const MENU_OFF = 'factcontext-site-off';
const MENU_ON = 'factcontext-site-on';
const ICON_SIZES = [16, 32] as const;
const iconPaths = (prefix: '' | 'off-') =>
  Object.fromEntries(ICON_SIZES.map((size) => [size, `/icons/${prefix}${size}.png`])) as Record<string, string>;

/** The state shown for a page address under the given settings. */
export function tabStateFor(url: string | undefined, settings: Settings): TabState {
  if (isRestrictedUrl(url)) return 'restricted';
  if (settings.paused) return 'paused';
  return isEnabledFor(siteFromUrl(url), settings) ? 'on' : 'off';
}

/** Badge text: the tab's highlight count, empty when zero or when highlighting doesn't run there. */
export function badgeTextFor(state: TabState, total: number): string {
  if (state !== 'on' || total <= 0) return '';
  return total > 999 ? '999+' : String(total);
}

/** This build's bundled pack data, written into the extension by the build (modules/bundled-pack.ts). */
async function readBundledPackFile(): Promise<BundledPackData> {
  const response = await fetch(browser.runtime.getURL('/bundled-pack.json'));
  if (!response.ok) throw new Error(`bundled-pack.json: ${response.status}`);
  const data: unknown = await response.json();
  if (!isBundledPackData(data)) throw new Error('bundled-pack.json is malformed');
  return data;
}

export interface BackgroundOptions {
  /** Where this build's bundled pack data comes from (the file the build wrote, unless a test says). */
  bundledPackData?: () => Promise<BundledPackData>;
}

/**
 * The background: keeps each tab's badge and icon in step with its page and the settings, relays
 * keyboard commands and the context menu to pages, stores reports and opens the options page. It also
 * keeps the bundled pack's copy in storage current, which pages read as they load.
 */
export function startBackground(options: BackgroundOptions = {}) {
  const store = settingsStore();
  // Manifest V3 has `action`; Firefox's Manifest V2 build has `browserAction` with the same methods.
  const action = (browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction) as
    typeof browser.action | undefined;
  /** Latest summary per tab, per frame. */
  const summaries = new Map<number, Map<number, TabSummary>>();
  /** Last icon set per tab, to avoid redundant calls. */
  const iconState = new Map<number, boolean>();
  let settings: Settings | null = null;

  const getSettings = async () => (settings ??= await store.get());

  function totalFor(tabId: number): number {
    let total = 0;
    for (const summary of summaries.get(tabId)?.values() ?? []) if (summary.enabled) total += summary.total;
    return total;
  }

  async function updateTab(tabId: number, url?: string): Promise<void> {
    const current = await getSettings();
    let pageUrl = url;
    if (pageUrl === undefined) {
      try {
        pageUrl = (await browser.tabs.get(tabId)).url;
      } catch {
        return; // The tab is gone.
      }
    }
    const state = tabStateFor(pageUrl, current);
    const off = state === 'off' || state === 'paused';
    const site = siteFromUrl(pageUrl) ?? '';
    const title =
      state === 'restricted'
        ? i18n.t('popup.restricted')
        : state === 'paused'
          ? i18n.t('command.titlePaused')
          : state === 'off'
            ? i18n.t('command.titleOff', [site])
            : i18n.t('extName');
    await Promise.all([
      action?.setBadgeText({ tabId, text: badgeTextFor(state, totalFor(tabId)) }).catch(() => {}),
      action?.setTitle({ tabId, title }).catch(() => {}),
      iconState.get(tabId) === off || !action
        ? Promise.resolve()
        : action
            .setIcon({ tabId, path: iconPaths(off ? 'off-' : '') })
            .then(() => void iconState.set(tabId, off))
            // Without the icon files (e.g. a build without them) the title still tells the state.
            .catch(() => {}),
    ]);
  }

  async function updateAllTabs(): Promise<void> {
    const tabs = await browser.tabs.query({});
    await Promise.all(tabs.map((t) => (t.id === undefined ? undefined : updateTab(t.id, t.url))));
    await updateMenus();
  }

  async function activeTab(): Promise<Browser.tabs.Tab | undefined> {
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    return tab;
  }

  async function updateMenus(): Promise<void> {
    const tab = await activeTab();
    const current = await getSettings();
    const state = tabStateFor(tab?.url, current);
    const site = siteFromUrl(tab?.url) !== null;
    await Promise.all([
      browser.contextMenus.update(MENU_OFF, { visible: site && state === 'on' }).catch(() => {}),
      browser.contextMenus.update(MENU_ON, { visible: site && state === 'off' }).catch(() => {}),
    ]);
  }

  async function createMenus(): Promise<void> {
    await browser.contextMenus.removeAll();
    // The toolbar button's own menu is "action" in Manifest V3 and "browser_action" in V2 (Firefox).
    const button = browser.runtime.getManifest().manifest_version === 3 ? 'action' : 'browser_action';
    const contexts: ['page', 'selection', 'link', 'action' | 'browser_action'] = ['page', 'selection', 'link', button];
    browser.contextMenus.create({ id: MENU_OFF, title: i18n.t('menu.turnOffSite'), contexts });
    browser.contextMenus.create({ id: MENU_ON, title: i18n.t('menu.turnOnSite'), contexts, visible: false });
    await updateMenus();
  }

  async function openOptions(hash = ''): Promise<void> {
    const base = browser.runtime.getURL('/options.html');
    const url = `${base}${hash}`;
    const [existing] = await browser.tabs.query({ url: `${base}*` });
    if (existing?.id !== undefined) {
      await browser.tabs.update(existing.id, { url, active: true });
      if (existing.windowId !== undefined)
        await browser.windows.update(existing.windowId, { focused: true }).catch(() => {});
    } else {
      await browser.tabs.create({ url });
    }
  }

  /**
   * Runs a keyboard command on a tab (the active tab by default). Also reachable from tests through
   * `globalThis.factcontextBackground.runCommand`, since headless browsers can't press extension shortcuts.
   */
  async function runCommand(command: CommandName, tabId?: number): Promise<CommandResult> {
    const tab = tabId === undefined ? await activeTab() : await browser.tabs.get(tabId).catch(() => undefined);
    if (!tab || tab.id === undefined) return { ok: false, reason: 'no-tab' };
    if (isRestrictedUrl(tab.url)) return { ok: false, reason: 'restricted' };
    try {
      const reply = await sendToTab(tab.id, { type: 'command', command });
      return { ok: !!reply?.handled };
    } catch {
      // No content script in the page (e.g. it was open before the extension was installed).
      if (command === 'toggle-site') {
        const site = siteFromUrl(tab.url);
        if (site) {
          const current = await store.get();
          await store.setSiteMode(site, isEnabledFor(site, { ...current, paused: false }) ? 'off' : 'on');
          return { ok: true };
        }
      }
      return { ok: false, reason: 'no-content-script' };
    }
  }

  /** A tab's summary over all frames, top frame first. */
  function tabSummary(tabId: number): TabSummary | null {
    const frames = summaries.get(tabId);
    if (!frames) return null;
    const ordered = [...frames.entries()].sort(([a], [b]) => a - b).map(([, s]) => s);
    return frames.has(0) ? mergeSummaries(ordered) : null;
  }

  // Read once per worker, and only when asked for: pages normally find their copy in storage.
  let bundledPack: Promise<BundledPackData> | null = null;
  const bundledPackData = () => {
    bundledPack ??= (options.bundledPackData ?? readBundledPackFile)();
    bundledPack.catch(() => (bundledPack = null));
    return bundledPack;
  };
  /** Stores this build's copy; the answer for a page that found none (or a stale or damaged one). */
  async function refreshBundledPack(): Promise<BundledPackData> {
    const data = await bundledPackData();
    await storeBundledPack(data);
    return data;
  }
  const storeCopy = () =>
    refreshBundledPack().catch((err) => console.error('factcontext: could not store the bundled pack', err));
  // Installed, updated, or the browser updated: the copy pages read is (re)written before they need it. The
  // browser also starts with its session area empty, where the copy is kept when content scripts may read it.
  browser.runtime.onInstalled.addListener(storeCopy);
  browser.runtime.onStartup.addListener(storeCopy);

  handleMessages<BackgroundMessageType>({
    'bundled-pack': () => refreshBundledPack(),
    'popover-ui': (_message, sender) => injectIntoSender(sender, POPOVER_UI_FILE),
    'variant-confirm': (_message, sender) => injectIntoSender(sender, VARIANT_CONFIRM_FILE),
    'tab-summary': ({ tabId }) => tabSummary(tabId),
    summary: ({ summary }, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) return;
      const frames = summaries.get(tabId) ?? new Map<number, TabSummary>();
      frames.set(sender.frameId ?? 0, summary);
      summaries.set(tabId, frames);
      void updateTab(tabId, sender.tab?.url);
    },
    'open-options': async ({ narrativeId, reportId }) => {
      const hash = narrativeId
        ? `#narrative=${encodeURIComponent(narrativeId)}`
        : reportId
          ? `#report=${encodeURIComponent(reportId)}`
          : '';
      await openOptions(hash);
    },
    report: async ({ report }) => {
      const saved = await addReport(report);
      if (saved.kind === 'problem') await openOptions(`#report=${encodeURIComponent(saved.id)}`);
      return { id: saved.id };
    },
  });

  store.watch((next) => {
    settings = next;
    void updateAllTabs();
  });

  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'loading' || change.url) {
      // A new document: its content script reports afresh.
      if (change.status === 'loading') summaries.delete(tabId);
      void updateTab(tabId, tab.url);
    }
    if (change.status === 'complete' && !summaries.get(tabId)?.has(0) && !isRestrictedUrl(tab.url)) {
      // Same document after an in-page navigation (its content script had nothing new to report): ask it.
      sendToTab(tabId, { type: 'get-summary' }).then(
        (summary) => {
          if (!summary || summaries.get(tabId)?.has(0)) return;
          const frames = summaries.get(tabId) ?? new Map<number, TabSummary>();
          frames.set(0, summary);
          summaries.set(tabId, frames);
          void updateTab(tabId, tab.url);
        },
        () => {},
      );
    }
    if (tab.active) void updateMenus();
  });
  browser.tabs.onActivated.addListener(() => void updateMenus());
  browser.windows?.onFocusChanged.addListener(() => void updateMenus());
  browser.tabs.onRemoved.addListener((tabId) => {
    summaries.delete(tabId);
    iconState.delete(tabId);
  });

  browser.commands?.onCommand.addListener((command: string, tab?: Browser.tabs.Tab) => {
    if ((COMMAND_NAMES as readonly string[]).includes(command)) void runCommand(command as CommandName, tab?.id);
  });

  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_OFF && info.menuItemId !== MENU_ON) return;
    const site = siteFromUrl(tab?.url ?? info.pageUrl);
    if (site) void store.setSiteMode(site, info.menuItemId === MENU_OFF ? 'off' : 'on');
  });

  void action?.setBadgeBackgroundColor({ color: '#3d3d3d' }).catch(() => {});
  void action?.setBadgeTextColor?.({ color: '#ffffff' }).catch(() => {});
  void createMenus().catch((err) => console.error('factcontext: could not create menus', err));
  void updateAllTabs().catch(() => {});

  const api = { runCommand, openOptions, tabSummary };
  // On the worker's global scope so that end-to-end tests can run a command: headless browsers can't
  // press extension keyboard shortcuts, and this is the same handler the shortcuts call.
  (globalThis as { factcontextBackground?: typeof api }).factcontextBackground = api;
  return api;
}

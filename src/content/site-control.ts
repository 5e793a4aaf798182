import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { handleMessages, sendToBackground, type TabSummary } from '../messaging';
import { isEnabledFor, siteFromUrl } from '../storage/hosts';
import { settingsStore, type SettingsStore } from '../storage/store';
import { appearanceRules } from '../storage/appearance';
import type { Settings } from '../storage/settings';
import { highlightName } from './engine/highlights';
import { createCommands } from './commands';
import type { Occurrence, PageEngine, PopoverActions, PopoverHost } from './types';

type EngineWithReveal = PageEngine & { reveal?: (occurrence: Occurrence) => void };

/** How long changes to the page's counts are gathered before they are reported to the background. */
export const REPORT_DELAY_MS = 100;

/** What the page reports for the badge and the popup's "On this page". */
export function summarize(engine: PageEngine, enabled: boolean): TabSummary {
  const narratives = new Map<string, { id: string; title: string; count: number }>();
  for (const occurrence of engine.occurrences()) {
    const n = occurrence.narratives[0]!;
    const entry = narratives.get(n.id) ?? { id: n.id, title: n.title, count: 0 };
    entry.count++;
    narratives.set(n.id, entry);
  }
  const total = enabled ? engine.occurrences().length : 0;
  return { enabled, total, narratives: enabled ? [...narratives.values()] : [] };
}

/**
 * The address whose site decides a frame: the top page's for frames (a frame belongs to the site the
 * reader is on), the inherited origin for about:blank and srcdoc frames.
 */
export function pageUrlFor(doc: Document): string {
  const loc = doc.location;
  const view = doc.defaultView;
  const isTop = !view || view === view.top;
  if (!isTop) {
    const ancestors = loc.ancestorOrigins;
    if (ancestors && ancestors.length) return ancestors[ancestors.length - 1]!;
  }
  if (/^about:/.test(loc.href) && view && view.origin && view.origin !== 'null') return view.origin;
  return loc.href;
}

/**
 * Site control for one page: starts and stops the engine as the reader turns this site on or off or
 * pauses (in every tab at once, through storage change events), reports counts to the background,
 * and answers the popup and keyboard commands.
 */
export function createSiteControl(options: {
  ctx: ContentScriptContext;
  engine: PageEngine;
  doc?: Document;
  url?: string;
  store?: SettingsStore;
}) {
  const { ctx, engine } = options;
  const doc = options.doc ?? document;
  const store = options.store ?? settingsStore();
  const site = siteFromUrl(options.url ?? pageUrlFor(doc));
  let settings: Settings | null = null;
  let enabled = false;
  let popover: PopoverHost | null = null;

  // Reports are gathered for REPORT_DELAY_MS and sent once, with the counts as they are then: a pass
  // changes them slice by slice, and each report sorts the page's occurrences and crosses to the
  // background. Nor does a report then sit between showing the first highlights and the frame that
  // paints them.
  let reportTimer: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    if (reportTimer !== undefined || ctx.isInvalid) return;
    reportTimer = setTimeout(() => {
      reportTimer = undefined;
      if (ctx.isInvalid) return;
      sendToBackground({ type: 'summary', summary: summarize(engine, enabled) }).catch(() => {
        // The background may be restarting; the next change reports again.
      });
    }, REPORT_DELAY_MS);
  };

  /** The reader's look, after the engine's defaults in its one sheet (which comes with the first highlight). */
  function applyAppearance(): void {
    if (!settings || !enabled) return;
    engine.setStyleOverrides(appearanceRules(settings.appearance, highlightName) ?? {});
  }

  function apply(next: Settings): void {
    settings = next;
    const shouldRun = isEnabledFor(site, next);
    enabled = shouldRun;
    // Also shows an engine that was started hidden while this setting was being read.
    if (shouldRun && (!engine.running || engine.hidden)) engine.start();
    else if (!shouldRun && engine.running) {
      popover?.close();
      engine.stop();
    }
    applyAppearance();
    report();
  }

  function flash(occurrence: Occurrence): void {
    const withReveal = engine as EngineWithReveal;
    if (typeof withReveal.reveal === 'function') {
      withReveal.reveal(occurrence);
      return;
    }
    const node = occurrence.range.startContainer;
    const element = node instanceof Element ? node : node.parentElement;
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  /** Switches this site's own setting (the global pause is left as it is). */
  const toggleSite = async () => {
    if (!site) return;
    const current = settings ?? (await store.get());
    await store.setSiteMode(site, isEnabledFor(site, { ...current, paused: false }) ? 'off' : 'on');
  };

  const commands = createCommands({ engine, popover: () => popover, reveal: flash, toggleSite });

  const actions: PopoverActions = {
    notRelevant(occurrence) {
      void sendToBackground({
        type: 'report',
        report: {
          kind: 'false-positive',
          narrativeId: occurrence.narratives[0]!.id,
          text: occurrence.text,
          pattern: occurrence.pattern,
          host: site ?? '',
        },
      });
    },
    reportProblem(occurrence) {
      // Stored locally and opened in the options page for the reader to review; nothing is sent.
      void sendToBackground({
        type: 'report',
        report: {
          kind: 'problem',
          narrativeId: occurrence.narratives[0]!.id,
          text: occurrence.text,
          pattern: occurrence.pattern,
          host: site ?? '',
        },
      });
    },
    turnOffSite() {
      if (site) void store.setSiteMode(site, 'off');
    },
    openMore(narrativeId) {
      void sendToBackground({ type: 'open-options', narrativeId });
    },
  };

  return {
    site,
    actions,
    commands,
    get enabled() {
      return enabled;
    },
    /** The reader's hover delay in ms, live with the settings; -1 (the host's default) before they are read. */
    get hoverDelayMs(): number {
      return settings?.appearance.hoverDelayMs ?? -1;
    },
    attachPopover(host: PopoverHost) {
      popover = host;
    },
    /**
     * Reads the settings (or takes a read already started), starts the engine if this site is on, and
     * keeps up with changes.
     */
    async start(initialRead?: Promise<Settings>): Promise<void> {
      const stopChanges = engine.onChange(() => report());
      const stopWatching = store.watch((s) => {
        if (!ctx.isInvalid) apply(s);
      });
      const stopMessages = handleMessages<'get-summary' | 'jump-to' | 'command'>({
        'get-summary': () => summarize(engine, enabled),
        'jump-to': ({ narrativeId }) => ({ found: commands.go(1, { narrativeId }) !== null }),
        command: async ({ command }) => ({ handled: await commands.run(command) }),
      });
      ctx.onInvalidated(() => {
        clearTimeout(reportTimer);
        stopChanges();
        stopWatching();
        stopMessages();
      });
      let initial: Settings;
      try {
        initial = await (initialRead ?? store.get());
      } catch (err) {
        console.error('factcontext: could not read settings', err);
        return;
      }
      apply(initial);
    },
  };
}

export type SiteControl = ReturnType<typeof createSiteControl>;

// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { REPORT_DELAY_MS, createSiteControl, summarize } from './site-control';
import { createSettingsStore } from '../storage/store';
import type { Occurrence, PageEngine, PageSummary, PopoverHost } from './types';
import type { StyleOverrides } from './engine/highlight-style';
import type { Narrative } from '../core/pack/schema';

const narrative = (id: string) => ({ id, title: `Title ${id}` }) as unknown as Narrative;
const occurrence = (id: number, n: string): Occurrence =>
  ({
    id,
    range: { startContainer: { parentElement: { scrollIntoView: vi.fn() } } },
    narratives: [narrative(n)],
    status: 'disputed',
    text: `text ${id}`,
    lang: 'en',
    pattern: `pattern ${id}`,
  }) as unknown as Occurrence;

function fakeEngine(found: Occurrence[]) {
  const listeners = new Set<(s: PageSummary) => void>();
  let running = false;
  let hidden = false;
  const reveal = vi.fn<(o: Occurrence) => void>();
  const engine: PageEngine & { reveal: typeof reveal; changed(): void } = {
    get running() {
      return running;
    },
    get hidden() {
      return running && hidden;
    },
    start: vi.fn((options?: { hidden?: boolean }) => {
      if (running && !hidden) return;
      running = true;
      hidden = options?.hidden === true;
      if (!hidden) listeners.forEach((l) => l(engine.summary()));
    }),
    stop: vi.fn(() => {
      running = false;
      listeners.forEach((l) => l(engine.summary()));
    }),
    occurrences: () => (running && !hidden ? found : []),
    hitTest: () => null,
    setStyleOverrides: vi.fn<(overrides: StyleOverrides) => void>(),
    step(from, dir, narrativeId) {
      const list = engine.occurrences().filter((o) => !narrativeId || o.narratives[0]!.id === narrativeId);
      if (!list.length) return null;
      const i = from ? list.indexOf(from) : -1;
      return list[(i + dir + list.length) % list.length] ?? null;
    },
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    summary: () => ({ total: engine.occurrences().length, byNarrative: {} }),
    reveal,
    /** As the real engine does when a slice adds or drops occurrences. */
    changed: () => listeners.forEach((l) => l(engine.summary())),
  };
  return engine;
}

const ctx = { isInvalid: false, onInvalidated: vi.fn() } as unknown as ContentScriptContext;
const tick = () => new Promise((r) => setTimeout(r, 0));
/** Reports are gathered for REPORT_DELAY_MS, then sent. */
const reported = () => new Promise((r) => setTimeout(r, REPORT_DELAY_MS + 20));

let messages: { type: string; [k: string]: unknown }[];
beforeEach(() => {
  fakeBrowser.reset();
  messages = [];
  fakeBrowser.runtime.onMessage.addListener((m: unknown) => {
    messages.push(m as (typeof messages)[number]);
    return undefined;
  });
});

describe('site control', () => {
  it('starts where the site is on, and stops and restarts with the site switch and the pause', async () => {
    const engine = fakeEngine([occurrence(1, 'a'), occurrence(2, 'b'), occurrence(3, 'a')]);
    const store = createSettingsStore();
    const control = createSiteControl({ ctx, engine, url: 'https://www.example.com/news', store });
    await control.start();
    expect(engine.running).toBe(true);
    const last = () => messages.filter((m) => m.type === 'summary').at(-1)?.summary;
    await reported();
    expect(last()).toEqual({
      enabled: true,
      total: 3,
      narratives: [
        { id: 'a', title: 'Title a', count: 2 },
        { id: 'b', title: 'Title b', count: 1 },
      ],
    });

    await createSettingsStore().setSiteMode('www.example.com', 'off');
    await tick();
    await tick();
    expect(engine.running).toBe(false);
    await reported();
    expect(last()).toEqual({ enabled: false, total: 0, narratives: [] });

    await store.setSiteMode('www.example.com', 'on');
    await tick();
    await tick();
    expect(engine.running).toBe(true);

    await store.setPaused(true);
    await tick();
    await tick();
    expect(engine.running).toBe(false);
    await store.setPaused(false);
    await tick();
    await tick();
    expect(engine.running).toBe(true);
  });

  it('shows an engine started hidden once the site turns out on, and stops it where the site is off', async () => {
    const on = fakeEngine([occurrence(1, 'a')]);
    on.start({ hidden: true });
    await createSiteControl({
      ctx,
      engine: on,
      url: 'https://www.example.com/a',
      store: createSettingsStore(),
    }).start();
    expect([on.running, on.hidden]).toEqual([true, false]);
    expect(on.start).toHaveBeenLastCalledWith();
    await reported();
    expect(messages.filter((m) => m.type === 'summary').at(-1)?.summary).toMatchObject({ enabled: true, total: 1 });

    await createSettingsStore().setSiteMode('off.example.com', 'off');
    const off = fakeEngine([occurrence(1, 'a')]);
    off.start({ hidden: true });
    await createSiteControl({
      ctx,
      engine: off,
      url: 'https://off.example.com/a',
      store: createSettingsStore(),
    }).start();
    expect(off.running).toBe(false);
    expect(off.stop).toHaveBeenCalledTimes(1);
    expect(off.start).toHaveBeenCalledTimes(1);
  });

  it('reports the counts once for changes that come together, after the task that showed them', async () => {
    // Earlier tests' controls may still have a report on its way.
    await reported();
    messages.length = 0;
    const found = [occurrence(1, 'a')];
    const engine = fakeEngine(found);
    const control = createSiteControl({
      ctx,
      engine,
      url: 'https://www.example.com/news',
      store: createSettingsStore(),
    });
    const summaries = () => messages.filter((m) => m.type === 'summary').map((m) => m.summary);
    await control.start();
    // Shown, and nothing sent yet: the report waits.
    expect(engine.running).toBe(true);
    await tick();
    expect(summaries()).toEqual([]);
    // A pass finds more, slice by slice: one report, with the counts as they are when it is sent.
    found.push(occurrence(2, 'b'));
    engine.changed();
    found.push(occurrence(3, 'a'));
    engine.changed();
    await reported();
    expect(summaries()).toEqual([
      {
        enabled: true,
        total: 3,
        narratives: [
          { id: 'a', title: 'Title a', count: 2 },
          { id: 'b', title: 'Title b', count: 1 },
        ],
      },
    ]);
    // A later change is reported again.
    found.pop();
    engine.changed();
    await reported();
    expect(summaries()).toHaveLength(2);
    expect(summaries().at(-1)).toMatchObject({ total: 2 });
  });

  it('never starts on pages without a site', async () => {
    const engine = fakeEngine([occurrence(1, 'a')]);
    await createSiteControl({ ctx, engine, url: 'about:blank', store: createSettingsStore() }).start();
    expect(engine.start).not.toHaveBeenCalled();
  });

  it('gives the popover real actions: local reports, turning the site off, opening More', async () => {
    const engine = fakeEngine([occurrence(1, 'a')]);
    const store = createSettingsStore();
    const control = createSiteControl({ ctx, engine, url: 'https://news.example.org/x?secret=1', store });
    await control.start();
    control.actions.notRelevant(occurrence(1, 'a'));
    control.actions.openMore('a');
    control.actions.turnOffSite();
    await tick();
    await tick();
    expect(messages).toContainEqual({
      type: 'report',
      report: {
        kind: 'false-positive',
        narrativeId: 'a',
        text: 'text 1',
        pattern: 'pattern 1',
        host: 'news.example.org',
      },
    });
    expect(JSON.stringify(messages)).not.toContain('secret');
    expect(messages).toContainEqual({ type: 'open-options', narrativeId: 'a' });
    expect(await store.getRules()).toEqual([{ host: 'news.example.org', mode: 'off', includeSubdomains: false }]);
  });

  it('steps through occurrences with the commands, revealing each and opening its popover with focus', async () => {
    const found = [occurrence(1, 'a'), occurrence(2, 'b'), occurrence(3, 'a')];
    const engine = fakeEngine(found);
    const control = createSiteControl({ ctx, engine, url: 'https://example.com/', store: createSettingsStore() });
    const popover: PopoverHost = { open: vi.fn(), close: vi.fn(), destroy: vi.fn() };
    control.attachPopover(popover);
    await control.start();
    expect(await control.commands.run('next-highlight')).toBe(true);
    expect(await control.commands.run('next-highlight')).toBe(true);
    expect(popover.open).toHaveBeenLastCalledWith(found[1], { focus: true });
    expect(await control.commands.run('previous-highlight')).toBe(true);
    expect(popover.open).toHaveBeenLastCalledWith(found[0], { focus: true });
    expect(engine.reveal).toHaveBeenCalledTimes(3);
    // Jumping by narrative only visits that narrative's occurrences.
    expect(control.commands.go(1, { narrativeId: 'a' })).toBe(found[2]);
    expect(control.commands.go(1, { narrativeId: 'a' })).toBe(found[0]);
  });

  it('toggles the site itself while paused, without resuming', async () => {
    const engine = fakeEngine([occurrence(1, 'a')]);
    const store = createSettingsStore();
    await store.setPaused(true);
    const control = createSiteControl({ ctx, engine, url: 'https://example.com/', store });
    await control.start();
    expect(await control.commands.run('toggle-site')).toBe(true);
    expect(await store.getRules()).toEqual([{ host: 'example.com', mode: 'off', includeSubdomains: false }]);
    expect((await store.get()).paused).toBe(true);
    expect(engine.running).toBe(false);
  });

  it('summarizes nothing when off', () => {
    const engine = fakeEngine([occurrence(1, 'a')]);
    expect(summarize(engine, false)).toEqual({ enabled: false, total: 0, narratives: [] });
  });
});

import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Pack } from '../core/pack/schema';
import type { Matcher } from '../core/match/types';
import { sieveServes } from '../core/match/sieve';
import type { Settings } from '../storage/settings';
import { createPageEngine, mark } from './engine';
import { afterNextFrame } from './engine/schedule';
import type { PageEngine } from './types';
import { loadPopoverUi, type PopoverUi } from './popover-ui';
import { sendToBackground } from '../messaging';
import { createSiteControl } from './site-control';
import { compiledMatcherForPage } from './variant-confirm';

/**
 * A page load. Storage can take tens of milliseconds to answer while a page loads, so the first scan does
 * not wait for it: it starts at once, hidden, with the bundled pack (the one almost every reader uses).
 * Once storage has answered, that scan is shown if this site is on, dropped if it is off (nothing was
 * shown, and nothing ever leaves the page), or started over if the reader's packs or languages differ.
 */
export async function startPageLoad(
  ctx: ContentScriptContext,
  bundled: { pack: Pack; matcher: Matcher },
  activePack: Promise<Pack | null>,
  settings: Promise<Settings>,
  injectVariantConfirm: () => Promise<unknown>,
): Promise<void> {
  const early = createPageEngine({ doc: document, pack: bundled.pack, matcher: bundled.matcher });
  early.start({ hidden: true });
  const pack = await activePack;
  mark('factcontext:pack-read');
  let engine: PageEngine = early;
  if (!pack || ctx.isInvalid || pack !== bundled.pack) {
    early.stop();
    if (!pack || ctx.isInvalid) return;
    // A pack made from the bundled one by leaving languages out can use its sieve (making one takes long).
    const sieve = sieveServes(bundled.pack, pack) ? bundled.matcher.sieve() : null;
    const matcher = await compiledMatcherForPage(pack, { sieve }, injectVariantConfirm);
    if (ctx.isInvalid) return;
    engine = createPageEngine({ doc: document, pack, matcher });
  }
  await startContent(ctx, pack, engine, settings);
}

/**
 * Wires a page engine, the popover host and site control together for one document. `settings`, when
 * given, is a read of the settings already under way (started alongside the pack's).
 */
export async function startContent(
  ctx: ContentScriptContext,
  pack: Pack,
  engine: PageEngine,
  settings?: Promise<Settings>,
): Promise<void> {
  // An extension update or reload leaves this script orphaned: it takes its highlights with it.
  ctx.onInvalidated(() => engine.stop());
  const control = createSiteControl({ ctx, engine });
  // Starts the engine only when this site is on and highlighting isn't paused.
  await control.start(settings);
  // The popover (its code, shadow root, stylesheet and the UI's messages) is only loaded and made once
  // there is something to hover, and after the page has had a chance to paint the first highlights. Most
  // pages never get one, and never pay for it (src/content/popover-ui.ts).
  await somethingHighlighted(engine, ctx);
  await afterNextFrame(window, 100);
  if (ctx.isInvalid) return;
  let ui: PopoverUi;
  try {
    ui = await loadPopoverUi(() => sendToBackground({ type: 'popover-ui' }));
  } catch (err) {
    // The highlights stay, and the keyboard commands still move between them.
    console.warn('factcontext: the popover could not be loaded on this page', err);
    return;
  }
  if (ctx.isInvalid) return;
  control.attachPopover(
    await ui.createPopoverHost(ctx, engine, control.actions, {
      source: pack.source,
      hoverDelayMs: () => control.hoverDelayMs,
    }),
  );
  mark('factcontext:popover-ready');
}

/** Resolves once the engine shows at least one highlight: now, or after a later pass (never, if none). */
function somethingHighlighted(engine: PageEngine, ctx: ContentScriptContext): Promise<void> {
  if (engine.running && !engine.hidden && engine.summary().total > 0) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = engine.onChange((summary) => {
      if (summary.total === 0) return;
      stop();
      resolve();
    });
    ctx.onInvalidated(stop);
  });
}

import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Pack } from '../core/pack/schema';
import { sieveServes } from '../core/match/sieve';
import type { Settings } from '../storage/settings';
import { loadActivePack, type choosePacks } from '../storage/load-active-pack';
import type { PageLoadReads } from '../storage/page-load';
import type { BundledMatching } from './bundled-pack';
import { createPageEngine, mark } from './engine';
import { afterNextFrame } from './engine/schedule';
import type { PageEngine } from './types';
import { loadPopoverUi, type PopoverUi } from './popover-ui';
import { sendToBackground } from '../messaging';
import { createSiteControl } from './site-control';
import { compiledMatcherForPage } from './variant-confirm';

/**
 * A page load. Storage can take tens of milliseconds to answer while a page loads, so the first scan does
 * not wait for it: it starts at once, hidden, with the bundled pack (the one almost every reader uses),
 * whose matcher it loads only if its sieve finds a place in the page's text. Once storage has answered,
 * that scan is shown if this site is on, dropped if it is off (nothing was shown, and nothing ever leaves
 * the page), or started over if the reader's packs or languages differ.
 */
export async function startPageLoad(
  ctx: ContentScriptContext,
  bundled: BundledMatching,
  packs: ReturnType<typeof choosePacks>,
  reads: Pick<PageLoadReads, 'settings' | 'importedPacks' | 'preferences'>,
  injectVariantConfirm: () => Promise<unknown>,
): Promise<void> {
  const early = createPageEngine({
    doc: document,
    ...(bundled.loaded
      ? { pack: bundled.loaded.pack, matcher: bundled.loaded.matcher }
      : { onDemand: { sieve: bundled.sieve!, load: bundled.load } }),
  });
  early.start({ hidden: true });
  const uses = await packs;
  mark('factcontext:pack-read');
  if (uses === 'bundled' && !ctx.isInvalid) {
    // Only read once there is a highlight, by which time the engine has loaded it.
    await startContent(ctx, async () => (await bundled.load()).loadPack(), early, reads.settings);
    return;
  }
  early.stop();
  if (uses === 'none' || ctx.isInvalid) return;
  let engine: PageEngine;
  let pack: Pack | null;
  try {
    const own = await bundled.load();
    const ownPack = await own.loadPack();
    pack = await loadActivePack(() => ownPack, reads);
    if (!pack || ctx.isInvalid) return;
    // A pack made from the bundled one by leaving languages out can use its sieve (making one takes long).
    const sieve = sieveServes(ownPack, pack) ? own.matcher.sieve() : null;
    const matcher = await compiledMatcherForPage(pack, { sieve }, injectVariantConfirm);
    if (ctx.isInvalid) return;
    engine = createPageEngine({ doc: document, pack, matcher });
  } catch (err) {
    console.error('factcontext: the reader’s packs could not be loaded; nothing is highlighted on this page', err);
    return;
  }
  const chosen = pack;
  await startContent(ctx, async () => chosen, engine, reads.settings);
}

/**
 * Wires a page engine, the popover host and site control together for one document. `pack` gives the
 * engine's pack, asked for only once there is something to hover. `settings`, when given, is a read of the
 * settings already under way (started alongside the pack's).
 */
export async function startContent(
  ctx: ContentScriptContext,
  pack: () => Promise<Pack>,
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
  let source: Pack['source'];
  try {
    [ui, source] = await Promise.all([
      loadPopoverUi(() => sendToBackground({ type: 'popover-ui' })),
      pack().then((p) => p.source),
    ]);
  } catch (err) {
    // The highlights stay, and the keyboard commands still move between them.
    console.warn('factcontext: the popover could not be loaded on this page', err);
    return;
  }
  if (ctx.isInvalid) return;
  control.attachPopover(
    await ui.createPopoverHost(ctx, engine, control.actions, {
      source,
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

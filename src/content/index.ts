import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Pack } from '../core/pack/schema';
import type { Matcher } from '../core/match';
import type { Settings } from '../storage/settings';
import { createPageEngine, mark } from './engine';
import { createPopoverHost } from './popover-host';
import { createSiteControl } from './site-control';

/**
 * Wires the page engine, the popover host and site control together for one document. `settings`, when
 * given, is a read of the settings already under way (started alongside the pack's).
 */
export async function startContent(
  ctx: ContentScriptContext,
  pack: Pack,
  matcher: Matcher,
  settings?: Promise<Settings>,
): Promise<void> {
  const engine = createPageEngine({ doc: document, pack, matcher });
  const control = createSiteControl({ ctx, engine });
  // Starts the engine only when this site is on and highlighting isn't paused. The popover host (its
  // shadow root and stylesheet, about 10 ms of work) comes once the page has had a chance to paint the
  // first scan slice's highlights; until it is attached there is nothing to hover.
  await control.start(settings);
  await afterNextPaint();
  control.attachPopover(
    await createPopoverHost(ctx, engine, control.actions, {
      source: pack.source,
      hoverDelayMs: () => control.hoverDelayMs,
    }),
  );
  mark('factcontext:popover-ready');
}

/** Resolves in a task after the next frame (or after 100 ms where frames don't come, as in hidden tabs). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      setTimeout(resolve, 0);
    };
    requestAnimationFrame(go);
    setTimeout(go, 100);
  });
}

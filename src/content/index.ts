import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Pack } from '../core/pack/schema';
import type { Matcher } from '../core/match';
import type { Settings } from '../storage/settings';
import { createPageEngine } from './engine';
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
  // shadow root and stylesheet) comes after the first scan slice, so highlights don't wait for it; until
  // it is attached there is nothing to hover.
  await control.start(settings);
  control.attachPopover(
    await createPopoverHost(ctx, engine, control.actions, {
      source: pack.source,
      hoverDelayMs: () => control.hoverDelayMs,
    }),
  );
}

import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Pack } from '../core/pack/schema';
import { createMatcher } from '../core/match';
import { createPageEngine } from './engine';
import { createPopoverHost } from './popover-host';

/** Wires the page engine, the popover host and site control together for one document. */
export async function startContent(ctx: ContentScriptContext, pack: Pack): Promise<void> {
  const engine = createPageEngine({ doc: document, pack, matcher: createMatcher(pack) });
  engine.start();
  await createPopoverHost(ctx, engine);
}

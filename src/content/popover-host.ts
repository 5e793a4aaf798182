import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { h, render } from 'preact';
import { Popover } from '../ui/popover/Popover';
import type { Occurrence, PageEngine, PopoverHost } from './types';

/** Hosts the popover in a closed shadow root and opens it for the occurrence under the pointer. */
export async function createPopoverHost(ctx: ContentScriptContext, engine: PageEngine): Promise<PopoverHost> {
  const ui = await createShadowRootUi(ctx, {
    name: 'factcontext-ui',
    position: 'overlay',
    mode: 'closed',
    onMount(container) {
      return container;
    },
  });
  ui.mount();
  ui.shadowHost.setAttribute('data-factcontext-ui', '');
  const container = ui.mounted!;
  let shown: Occurrence | null = null;

  const host: PopoverHost = {
    open(occurrence) {
      shown = occurrence;
      const rect = occurrence.range.getBoundingClientRect();
      container.style.cssText = `position:fixed;left:${rect.left}px;top:${rect.bottom + 6}px;z-index:2147483647;`;
      render(h(Popover, { narrative: occurrence.narratives[0]! }), container);
    },
    close() {
      shown = null;
      render(null, container);
    },
    destroy() {
      ui.remove();
    },
  };

  const onMove = (event: MouseEvent) => {
    const hit = engine.hitTest(event.clientX, event.clientY);
    if (hit === shown) return;
    if (hit) host.open(hit);
    else host.close();
  };
  document.addEventListener('mousemove', onMove, { passive: true });
  ctx.onInvalidated(() => document.removeEventListener('mousemove', onMove));
  return host;
}

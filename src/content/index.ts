import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { render, h } from 'preact';
import type { EvidenceStatus } from '../core/pack/evidence';
import type { Narrative, Pack } from '../core/pack/schema';
import { createMatcher } from '../core/match';
import { collectBlocks, rangeFor } from './text-blocks';
import { setHighlights } from './highlights';
import { installHighlightStyle } from './highlight-style';
import { Popover } from '../ui/popover/Popover';

interface Highlighted {
  range: Range;
  narrative: Narrative;
}

export async function startContent(ctx: ContentScriptContext, pack: Pack): Promise<void> {
  const matcher = createMatcher(pack);
  const byId = new Map(pack.narratives.map((n) => [n.id, n]));
  installHighlightStyle(document);

  const start = performance.now();
  const blocks = collectBlocks(document.body);
  const matches = matcher.scan(blocks.map((b) => b.text));
  const byStatus = new Map<EvidenceStatus, Range[]>();
  const highlighted: Highlighted[] = [];
  for (const m of matches) {
    const narrative = byId.get(m.narrativeIds[0]!)!;
    const range = rangeFor(blocks[m.block]!, m.start, m.end);
    highlighted.push({ range, narrative });
    const list = byStatus.get(narrative.evidence.status) ?? [];
    list.push(range);
    byStatus.set(narrative.evidence.status, list);
  }
  setHighlights(byStatus);
  const end = performance.now();
  const chars = blocks.reduce((n, b) => n + b.text.length, 0);
  const nodes = blocks.reduce((n, b) => n + b.nodes.length, 0);
  performance.measure('factcontext:scan', { start, end, detail: { chars, nodes, matches: matches.length, busyMs: end - start } });

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
  let shown: Highlighted | null = null;
  document.addEventListener(
    'mousemove',
    (event) => {
      const hit = highlighted.find((item) =>
        [...item.range.getClientRects()].some(
          (r) => event.clientX >= r.left && event.clientX <= r.right && event.clientY >= r.top && event.clientY <= r.bottom,
        ),
      );
      if (hit === shown) return;
      shown = hit ?? null;
      const container = ui.mounted!;
      if (!hit) {
        render(null, container);
        return;
      }
      const rect = hit.range.getBoundingClientRect();
      container.style.cssText = `position:fixed;left:${rect.left}px;top:${rect.bottom + 6}px;z-index:2147483647;`;
      render(h(Popover, { narrative: hit.narrative }), container);
    },
    { passive: true },
  );
}

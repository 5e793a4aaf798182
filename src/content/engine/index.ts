import type { EvidenceStatus } from '../../core/pack/evidence';
import type { Pack } from '../../core/pack/schema';
import type { Matcher } from '../../core/match';
import type { Occurrence, PageEngine, PageSummary } from '../types';
import { collectBlocks, rangeFor } from './text-blocks';
import { setHighlights } from './highlights';
import { installHighlightStyle } from './highlight-style';

/** Creates the page engine for a document: scan, highlight, hit-test. */
export function createPageEngine(options: { doc: Document; pack: Pack; matcher: Matcher }): PageEngine {
  const { doc, pack, matcher } = options;
  const byId = new Map(pack.narratives.map((n) => [n.id, n]));
  const listeners = new Set<(summary: PageSummary) => void>();
  let occurrences: Occurrence[] = [];
  let running = false;
  let nextId = 1;
  let styleInstalled = false;

  function summarise(): PageSummary {
    const byNarrative: Record<string, number> = {};
    for (const o of occurrences) byNarrative[o.narratives[0]!.id] = (byNarrative[o.narratives[0]!.id] ?? 0) + 1;
    return { total: occurrences.length, byNarrative };
  }

  function scanAll(): void {
    const start = performance.now();
    const blocks = collectBlocks(doc.body);
    const matches = matcher.scan(blocks.map((b) => b.text));
    const found: Occurrence[] = [];
    const byStatus = new Map<EvidenceStatus, Range[]>();
    for (const m of matches) {
      const narratives = m.narrativeIds.map((id) => byId.get(id)).filter((n) => n !== undefined);
      if (!narratives.length) continue;
      const range = rangeFor(blocks[m.block]!, m.start, m.end);
      const status = narratives[0]!.evidence.status;
      found.push({ id: nextId++, range, narratives, status, text: m.text, lang: m.lang, pattern: m.pattern });
      const list = byStatus.get(status) ?? [];
      list.push(range);
      byStatus.set(status, list);
    }
    setHighlights(byStatus);
    occurrences = found;
    const end = performance.now();
    const chars = blocks.reduce((n, b) => n + b.text.length, 0);
    const nodes = blocks.reduce((n, b) => n + b.nodes.length, 0);
    performance.measure('factcontext:scan', {
      start,
      end,
      detail: { chars, nodes, matches: found.length, busyMs: end - start },
    });
    const summary = summarise();
    listeners.forEach((l) => l(summary));
  }

  return {
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      if (!styleInstalled) {
        installHighlightStyle(doc);
        styleInstalled = true;
      }
      scanAll();
    },
    stop() {
      running = false;
      occurrences = [];
      setHighlights(new Map());
      const summary = summarise();
      listeners.forEach((l) => l(summary));
    },
    occurrences: () => occurrences,
    hitTest(x, y) {
      return (
        occurrences.find((o) =>
          [...o.range.getClientRects()].some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom),
        ) ?? null
      );
    },
    step(from, dir, narrativeId) {
      const list = narrativeId
        ? occurrences.filter((o) => o.narratives.some((n) => n.id === narrativeId))
        : occurrences;
      if (!list.length) return null;
      const index = from ? list.indexOf(from) : -1;
      if (index < 0) return dir === 1 ? list[0]! : list[list.length - 1]!;
      return list[(index + dir + list.length) % list.length]!;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    summary: summarise,
  };
}

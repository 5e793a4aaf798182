import type { Occurrence, PageEngine } from '../types';

export interface PointerHandlers {
  /** The occurrence under the pointer changed (null: none). Called at most once per animation frame. */
  onHover?(occurrence: Occurrence | null, event: PointerEvent): void;
  /** A tap (touch or pen, little movement) landed on an occurrence. */
  onTap?(occurrence: Occurrence, event: PointerEvent): void;
}

/** Movement (px) and time (ms) within which a touch counts as a tap. */
const TAP_SLOP = 10;
const TAP_MS = 600;

/**
 * Hit-tests the pointer against the engine's occurrences: a passive pointermove listener throttled to
 * one hit test per animation frame (mouse), and taps (touch/pen) that land on an occurrence.
 * Returns a function that removes the listeners.
 */
export function trackPointer(engine: PageEngine, target: Document | Window, handlers: PointerHandlers): () => void {
  let frame = 0;
  let lastEvent: PointerEvent | null = null;
  let shown: Occurrence | null = null;
  let down: { x: number; y: number; t: number; id: number } | null = null;
  const view = (target as Document).defaultView ?? (target as Window);

  const flush = () => {
    frame = 0;
    const e = lastEvent;
    if (!e) return;
    const hit = engine.hitTest(e.clientX, e.clientY);
    if (hit !== shown) {
      shown = hit;
      handlers.onHover?.(hit, e);
    }
  };
  const onMove = (e: Event) => {
    const pe = e as PointerEvent;
    if (pe.pointerType === 'touch') return;
    lastEvent = pe;
    if (!frame) frame = view.requestAnimationFrame(flush);
  };
  const onDown = (e: Event) => {
    const pe = e as PointerEvent;
    if (pe.pointerType === 'mouse' || !pe.isPrimary) return;
    down = { x: pe.clientX, y: pe.clientY, t: pe.timeStamp, id: pe.pointerId };
  };
  const onUp = (e: Event) => {
    const pe = e as PointerEvent;
    const d = down;
    down = null;
    if (!d || pe.pointerId !== d.id) return;
    if (Math.abs(pe.clientX - d.x) > TAP_SLOP || Math.abs(pe.clientY - d.y) > TAP_SLOP) return;
    if (pe.timeStamp - d.t > TAP_MS) return;
    const hit = engine.hitTest(pe.clientX, pe.clientY);
    if (hit) handlers.onTap?.(hit, pe);
  };
  const onCancel = () => {
    down = null;
  };
  const opts: AddEventListenerOptions = { passive: true, capture: true };
  target.addEventListener('pointermove', onMove, opts);
  target.addEventListener('pointerdown', onDown, opts);
  target.addEventListener('pointerup', onUp, opts);
  target.addEventListener('pointercancel', onCancel, opts);
  return () => {
    if (frame) view.cancelAnimationFrame(frame);
    target.removeEventListener('pointermove', onMove, opts);
    target.removeEventListener('pointerdown', onDown, opts);
    target.removeEventListener('pointerup', onUp, opts);
    target.removeEventListener('pointercancel', onCancel, opts);
  };
}

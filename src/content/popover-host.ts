import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { autoUpdate, computePosition, flip, hide, inline, offset, shift, size } from '@floating-ui/dom';
import { h, render } from 'preact';
import type { PackSource } from '../core/pack/schema';
import { Popover, type CloseReason } from '../ui/popover/Popover';
import { POPOVER_CSS } from '../ui/popover/styles';
import { uiReaderLanguage, type ReaderLanguage } from '../ui/popover/i18n';
import { trackPointer } from './engine/pointer';
import type { Occurrence, PageEngine, PopoverActions, PopoverHost } from './types';

/** Safe stand-ins until site control supplies the real actions: each does nothing. */
export const NOOP_POPOVER_ACTIONS: PopoverActions = {
  notRelevant() {},
  reportProblem() {},
  turnOffSite() {},
  openMore() {},
};

export interface PopoverHostOptions {
  /** The pack's source article, for the source line and quote attribution. */
  source?: PackSource | null;
  /** Hover dwell before the popover shows, in ms (a number or a getter for a live setting). Default 300. */
  hoverDelayMs?: number | (() => number);
  /** Delay before hiding once the pointer has left both the highlight and the popover. Default 300. */
  hideDelayMs?: number;
  /** The reader's language; defaults to the browser UI language. */
  lang?: ReaderLanguage;
}

const DEFAULT_DELAY_MS = 300;

interface InternalHost extends PopoverHost {
  /** restoreFocus: return keyboard focus to where it was before the popover took it. */
  close(options?: { restoreFocus?: boolean }): void;
}
const EDGE_PADDING = 8;

const isEditable = (el: Element | null): boolean =>
  !!el &&
  (el instanceof HTMLInputElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    el instanceof HTMLButtonElement ||
    (el instanceof HTMLAnchorElement && el.hasAttribute('href')) ||
    (el instanceof HTMLElement && el.isContentEditable));

/** The page's zoom at `el` (the product of CSS `zoom` on its ancestors); 1 when none. */
function zoomAt(el: Element | null): number {
  let zoom = 1;
  for (let node = el; node; node = node.parentElement) {
    const value = parseFloat(getComputedStyle(node).zoom || '1');
    if (Number.isFinite(value) && value > 0) zoom *= value;
  }
  return zoom;
}

/**
 * Our element takes no part in the page's layout while no popover is open: inserting one that does, however
 * small, made the browser walk the whole page's paint layers in that frame (about 25 ms on the generated
 * 5 M-character page), and the host arrives with a page's first highlights. More specific than the
 * `:host` reset that comes first in the shadow root, whose `all: initial !important` wins over inline styles.
 */
const HOST_CSS = ':host(:not([data-open])) { display: none !important; }';

/**
 * Hosts the popover in a closed shadow root and drives it: hover intent, click/Enter/tap to pin,
 * Esc to close, keyboard focus in and back, floating-ui positioning while open.
 */
export async function createPopoverHost(
  ctx: ContentScriptContext,
  engine: PageEngine,
  actions: PopoverActions = NOOP_POPOVER_ACTIONS,
  options: PopoverHostOptions = {},
): Promise<PopoverHost> {
  const ui = await createShadowRootUi(ctx, {
    name: 'factcontext-ui',
    position: 'overlay',
    mode: 'closed',
    css: `${HOST_CSS}\n${POPOVER_CSS}`,
    // Keyboard events inside the popover never reach the page's handlers.
    isolateEvents: ['keydown', 'keyup', 'keypress'],
    onMount(container) {
      return container;
    },
  });
  ui.mount();
  const shadowHost = ui.shadowHost;
  shadowHost.setAttribute('data-factcontext-ui', '');
  // Rendered only while a popover is open (HOST_CSS).
  const showHost = (show: boolean) => shadowHost.toggleAttribute('data-open', show);
  showHost(false);
  const container = ui.mounted!;
  const layer = document.createElement('div');
  layer.className = 'fc-layer';
  container.append(layer);

  const lang = options.lang ?? uiReaderLanguage();
  const hoverDelay = () => {
    const value = typeof options.hoverDelayMs === 'function' ? options.hoverDelayMs() : options.hoverDelayMs;
    return typeof value === 'number' && value >= 0 ? value : DEFAULT_DELAY_MS;
  };
  const hideDelay = options.hideDelayMs ?? DEFAULT_DELAY_MS;

  let shown: { occurrence: Occurrence; pinned: boolean } | null = null;
  let returnFocus: Element | null = null;
  let stopAutoUpdate: (() => void) | null = null;
  let pending: Occurrence | null = null;
  let showTimer: ReturnType<typeof setTimeout> | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  let pointer: { x: number; y: number; overUi: boolean } | null = null;
  let instance = 0;

  const dialog = () => layer.querySelector<HTMLElement>('[role="dialog"]');
  const focusInside = () => document.activeElement === shadowHost;
  const cancelShow = () => {
    clearTimeout(showTimer);
    showTimer = undefined;
    pending = null;
  };
  const cancelHide = () => {
    clearTimeout(hideTimer);
    hideTimer = undefined;
  };

  const wrappedActions: PopoverActions = {
    notRelevant: (occ) => actions.notRelevant(occ),
    reportProblem: (occ) => actions.reportProblem(occ),
    turnOffSite: () => {
      actions.turnOffSite();
      host.close();
    },
    openMore: (id) => actions.openMore(id),
  };

  async function position(occurrence: Occurrence, floating: HTMLElement): Promise<void> {
    const range = occurrence.range;
    const reference = {
      getBoundingClientRect: () => range.getBoundingClientRect(),
      getClientRects: () => range.getClientRects(),
      contextElement: range.startContainer.parentElement ?? undefined,
    };
    const at = pointer && !pointer.overUi ? { x: pointer.x, y: pointer.y } : undefined;
    const { x, y, middlewareData } = await computePosition(reference, floating, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        offset(8),
        inline(at),
        flip({ padding: EDGE_PADDING }),
        shift({ padding: EDGE_PADDING }),
        size({
          padding: EDGE_PADDING,
          apply({ availableHeight }) {
            floating.style.maxHeight = `${Math.max(160, Math.min(480, Math.floor(availableHeight)))}px`;
          },
        }),
        hide(),
      ],
    });
    if (shown?.occurrence !== occurrence) return;
    floating.style.left = `${Math.round(x)}px`;
    floating.style.top = `${Math.round(y)}px`;
    // A hover popover whose phrase scrolled out of view goes away; a pinned one stays where it is.
    if (middlewareData.hide?.referenceHidden && !shown.pinned && !focusInside()) {
      host.close();
      return;
    }
    // The page scrolled or reflowed under a still pointer: it may no longer be over the phrase.
    if (!shown.pinned && pointer && !pointer.overUi && !overPopover) {
      const hit = engine.running ? engine.hitTest(pointer.x, pointer.y) : null;
      if (hit !== overOccurrence) {
        overOccurrence = hit;
        evaluateHover();
      }
    }
  }

  function renderPopover(occurrence: Occurrence): void {
    // Counter a page-level CSS zoom so the popover keeps its own size and lines up with viewport coordinates.
    const zoom = zoomAt(shadowHost.parentElement);
    layer.style.zoom = zoom !== 1 ? String(1 / zoom) : '';
    render(
      h(Popover, {
        key: `${occurrence.id}-${instance}`,
        occurrence,
        source: options.source ?? null,
        lang,
        actions: wrappedActions,
        idPrefix: `fc${instance}`,
        onClose: (reason: CloseReason) => host.close({ restoreFocus: reason === 'escape' || focusInside() }),
      }),
      layer,
    );
  }

  const host: InternalHost = {
    open(occurrence, openOptions = {}) {
      cancelShow();
      cancelHide();
      const focus = !!openOptions.focus;
      const same = shown?.occurrence === occurrence;
      if (focus && !focusInside()) returnFocus = document.activeElement;
      // Opened from the keyboard: no pointer to choose the line of a multi-line phrase by.
      if (focus) pointer = null;
      if (!same) {
        stopAutoUpdate?.();
        stopAutoUpdate = null;
        instance++;
        shown = { occurrence, pinned: !!openOptions.pinned || focus };
        showHost(true);
        renderPopover(occurrence);
        const floating = dialog();
        if (floating) {
          stopAutoUpdate = autoUpdate(
            {
              getBoundingClientRect: () => occurrence.range.getBoundingClientRect(),
              contextElement: occurrence.range.startContainer.parentElement ?? undefined,
            },
            floating,
            () => void position(occurrence, floating),
            { animationFrame: false },
          );
        }
      } else if (shown) {
        shown.pinned = shown.pinned || !!openOptions.pinned || focus;
      }
      if (focus) dialog()?.focus({ preventScroll: true });
    },
    close(closeOptions = {}) {
      cancelShow();
      cancelHide();
      if (!shown) return;
      const hadFocus = focusInside();
      shown = null;
      overPopover = false;
      stopAutoUpdate?.();
      stopAutoUpdate = null;
      render(null, layer);
      showHost(false);
      if (closeOptions.restoreFocus || hadFocus) {
        const target = returnFocus;
        if (target instanceof HTMLElement && target.isConnected && target !== document.body) {
          target.focus({ preventScroll: true });
        } else if (document.activeElement instanceof HTMLElement) {
          document.activeElement.blur();
        }
      }
      returnFocus = null;
    },
    destroy() {
      host.close();
      removeListeners();
      ui.remove();
    },
  };

  /** Hover intent: the phrase under the pointer (from the engine's frame-throttled hit test) and the popover. */
  let overOccurrence: Occurrence | null = null;
  let overPopover = false;

  function evaluateHover(): void {
    if (shown) {
      if (overPopover || overOccurrence === shown.occurrence) {
        cancelHide();
        cancelShow();
        return;
      }
      if (shown.pinned || focusInside()) {
        cancelShow();
        return;
      }
      if (overOccurrence) {
        cancelHide();
        scheduleShow(overOccurrence);
        return;
      }
      cancelShow();
      if (hideTimer === undefined) hideTimer = setTimeout(() => host.close(), hideDelay);
      return;
    }
    if (overOccurrence) scheduleShow(overOccurrence);
    else cancelShow();
  }

  function scheduleShow(occurrence: Occurrence): void {
    if (pending === occurrence && showTimer !== undefined) return;
    cancelShow();
    pending = occurrence;
    showTimer = setTimeout(() => {
      showTimer = undefined;
      const target = pending;
      pending = null;
      if (target && target === overOccurrence && engine.running) host.open(target);
    }, hoverDelay());
  }

  const stopTracking = trackPointer(engine, document, {
    onHover(occurrence, event) {
      if (!event.isTrusted) return;
      pointer = { x: event.clientX, y: event.clientY, overUi: event.target === shadowHost };
      overOccurrence = event.target === shadowHost ? null : occurrence;
      evaluateHover();
    },
    onTap(occurrence, event) {
      if (!event.isTrusted) return;
      pointer = { x: event.clientX, y: event.clientY, overUi: false };
      host.open(occurrence, { pinned: true });
    },
  });

  const onPopoverEnter = (event: PointerEvent) => {
    if (!event.isTrusted) return;
    overPopover = true;
    evaluateHover();
  };
  const onPopoverLeave = (event: PointerEvent) => {
    if (!event.isTrusted) return;
    overPopover = false;
    evaluateHover();
  };

  // Pressing anywhere inside the popover (selecting text, scrolling by the bar) keeps it open.
  const onPopoverDown = (event: PointerEvent) => {
    if (event.isTrusted && shown) shown.pinned = true;
  };

  const onPointerLeaveDocument = (event: MouseEvent) => {
    if (!event.isTrusted || event.relatedTarget) return;
    overOccurrence = null;
    overPopover = false;
    evaluateHover();
  };

  const onClick = (event: MouseEvent) => {
    if (!event.isTrusted || event.button !== 0) return;
    if (event.target === shadowHost) return;
    const hit = engine.running ? engine.hitTest(event.clientX, event.clientY) : null;
    if (hit) {
      if (shown && shown.occurrence !== hit) host.close();
      pointer = { x: event.clientX, y: event.clientY, overUi: false };
      host.open(hit, { pinned: true });
    } else if (shown) {
      host.close();
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!event.isTrusted || !shown) return;
    if (event.key === 'Escape') {
      host.close({ restoreFocus: true });
      return;
    }
    if (
      event.key === 'Enter' &&
      !event.altKey &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.shiftKey &&
      !isEditable(document.activeElement)
    ) {
      // Enter pins the hovered popover and moves the keyboard into it.
      event.preventDefault();
      host.open(shown.occurrence, { focus: true, pinned: true });
    }
  };

  const unsubscribe = engine.onChange(() => {
    if (!shown) return;
    if (!engine.running) host.close();
    else if (!shown.occurrence.range.startContainer.isConnected) host.close();
  });

  layer.addEventListener('pointerenter', onPopoverEnter, { passive: true });
  layer.addEventListener('pointerleave', onPopoverLeave, { passive: true });
  layer.addEventListener('pointerdown', onPopoverDown, { passive: true });
  document.addEventListener('mouseout', onPointerLeaveDocument, { passive: true });
  document.addEventListener('click', onClick, { passive: true, capture: true });
  document.addEventListener('keydown', onKeyDown);
  function removeListeners(): void {
    stopTracking();
    document.removeEventListener('mouseout', onPointerLeaveDocument);
    document.removeEventListener('click', onClick, { capture: true });
    document.removeEventListener('keydown', onKeyDown);
    unsubscribe();
    cancelShow();
    cancelHide();
    stopAutoUpdate?.();
  }
  ctx.onInvalidated(removeListeners);
  return host;
}

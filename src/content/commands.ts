import type { CommandName } from '../messaging';
import type { Occurrence, PageEngine, PopoverHost } from './types';

export interface CommandContext {
  engine: PageEngine;
  popover: () => PopoverHost | null;
  /** Scrolls an occurrence into view and flashes it. */
  reveal: (occurrence: Occurrence) => void;
  toggleSite: () => Promise<void>;
}

/**
 * Keyboard commands for one page. "Next/previous highlight" move through the page's occurrences in
 * document order (wrapping), reveal the occurrence and open its popover with keyboard focus in it.
 */
export function createCommands(context: CommandContext) {
  let current: Occurrence | null = null;

  function step(dir: 1 | -1, narrativeId?: string): Occurrence | null {
    const { engine } = context;
    if (!engine.running) return null;
    // The remembered occurrence may be gone after a rescan; step from the start then.
    const from = current && engine.occurrences().includes(current) ? current : null;
    const next = engine.step(from, dir, narrativeId);
    current = next;
    return next;
  }

  return {
    /** The occurrence the commands last moved to. */
    get current() {
      return current;
    },
    /** Moves to the next/previous occurrence (optionally of one narrative) and reveals it. */
    go(dir: 1 | -1, options: { narrativeId?: string; openPopover?: boolean } = {}): Occurrence | null {
      const occurrence = step(dir, options.narrativeId);
      if (!occurrence) return null;
      context.reveal(occurrence);
      if (options.openPopover) context.popover()?.open(occurrence, { focus: true });
      return occurrence;
    },
    async run(command: CommandName): Promise<boolean> {
      switch (command) {
        case 'next-highlight':
          return this.go(1, { openPopover: true }) !== null;
        case 'previous-highlight':
          return this.go(-1, { openPopover: true }) !== null;
        case 'toggle-site':
          await context.toggleSite();
          return true;
      }
    },
  };
}

export type Commands = ReturnType<typeof createCommands>;

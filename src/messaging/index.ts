import { browser, type Browser } from 'wxt/browser';
import type { BundledPackData } from '../storage/bundled-pack';
import type { NewReport } from '../storage/reports';

/**
 * Every message exchanged between the content script, the background, the popup and the options
 * page, as one discriminated union keyed by `type`, with the reply each one gets.
 */

/** What a tab's content script knows about its page. */
export interface TabSummary {
  /** Whether highlighting runs in this tab now (site on and not paused). */
  enabled: boolean;
  total: number;
  /** Narratives found on the page, in order of first appearance, with their counts. */
  narratives: { id: string; title: string; count: number }[];
}

export type CommandName = 'next-highlight' | 'previous-highlight' | 'toggle-site';
export const COMMAND_NAMES: readonly CommandName[] = ['next-highlight', 'previous-highlight', 'toggle-site'];

export interface MessageMap {
  /** content → background: the page's counts changed (badge, "On this page"). */
  summary: { request: { summary: TabSummary }; response: void };
  /** popup → background: the tab's counts over all its frames, as last reported (null if none yet). */
  'tab-summary': { request: { tabId: number }; response: TabSummary | null };
  /** popup → content: the page's current counts. */
  'get-summary': { request: Record<never, never>; response: TabSummary };
  /** popup → content: jump to and flash the next occurrence of a narrative. */
  'jump-to': { request: { narrativeId: string }; response: { found: boolean } };
  /** background → content: a keyboard command or menu entry for this tab. */
  command: { request: { command: CommandName }; response: { handled: boolean } };
  /** content → background: open the options page (at a narrative or a report). */
  'open-options': { request: { narrativeId?: string; reportId?: string }; response: void };
  /** content → background: store a report locally; a "problem" report opens for review. */
  report: { request: { report: NewReport }; response: { id: string } };
  /** content → background: this build's bundled pack, for a page that found no usable copy in storage. */
  'bundled-pack': { request: Record<never, never>; response: BundledPackData };
  /** content → background: inject the popover's script into the sender's frame (it has a highlight). */
  'popover-ui': { request: Record<never, never>; response: void };
  /** content → background: inject the typo scorer's script into the sender's frame (its pack needs it). */
  'variant-confirm': { request: Record<never, never>; response: void };
}

export type MessageType = keyof MessageMap;
export type Message<K extends MessageType = MessageType> = K extends MessageType
  ? { type: K } & MessageMap[K]['request']
  : never;
export type Reply<K extends MessageType> = MessageMap[K]['response'];

/** Messages handled by the background. */
export type BackgroundMessageType =
  'summary' | 'open-options' | 'report' | 'tab-summary' | 'bundled-pack' | 'popover-ui' | 'variant-confirm';
/** Messages handled by a tab's content script. */
export type ContentMessageType = 'get-summary' | 'jump-to' | 'command';

const TYPES: ReadonlySet<string> = new Set<MessageType>([
  'summary',
  'tab-summary',
  'get-summary',
  'jump-to',
  'command',
  'open-options',
  'report',
  'bundled-pack',
  'popover-ui',
  'variant-confirm',
]);

/** Adds up the summaries of a tab's frames (the top frame decides whether highlighting runs). */
export function mergeSummaries(frames: readonly TabSummary[]): TabSummary | null {
  if (!frames.length) return null;
  const narratives = new Map<string, TabSummary['narratives'][number]>();
  let total = 0;
  for (const frame of frames) {
    if (!frame.enabled) continue;
    total += frame.total;
    for (const n of frame.narratives) {
      const entry = narratives.get(n.id);
      if (entry) entry.count += n.count;
      else narratives.set(n.id, { ...n });
    }
  }
  return { enabled: frames[0]!.enabled, total, narratives: [...narratives.values()] };
}

export function isMessage(value: unknown): value is Message {
  return !!value && typeof value === 'object' && TYPES.has((value as { type?: unknown }).type as string);
}

/** Sends to the extension's pages and background (content → background, or any page → background). */
export function sendToBackground<K extends BackgroundMessageType>(message: Message<K>): Promise<Reply<K>> {
  return browser.runtime.sendMessage(message) as Promise<Reply<K>>;
}

/** Sends to a tab's content script (top frame). */
export function sendToTab<K extends ContentMessageType>(tabId: number, message: Message<K>): Promise<Reply<K>> {
  return browser.tabs.sendMessage(tabId, message, { frameId: 0 }) as Promise<Reply<K>>;
}

export type Handlers<K extends MessageType> = {
  [T in K]?: (message: Message<T>, sender: Browser.runtime.MessageSender) => Reply<T> | Promise<Reply<T>>;
};

/**
 * Handles the given message types in this context; other messages are left to other listeners.
 * Returns a function that stops handling.
 */
export function handleMessages<K extends MessageType>(handlers: Handlers<K>): () => void {
  // `sendResponse` + `return true` works the same with and without the promise polyfill.
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (reply: unknown) => void,
  ) => {
    if (!isMessage(message)) return undefined;
    const handler = (handlers as Record<string, ((m: Message, s: typeof sender) => unknown) | undefined>)[message.type];
    if (!handler) return undefined;
    Promise.resolve()
      .then(() => handler(message, sender))
      .then(
        (reply) => sendResponse(reply ?? null),
        (err: unknown) => {
          console.error(`factcontext: handling "${message.type}" failed`, err);
          sendResponse(null);
        },
      );
    return true as const;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Longest stretch of main-thread work one scan slice may take. */
export const SLICE_MS = 8;

type SchedulerLike = { yield?: () => Promise<void> };

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/**
 * Gives the main thread back to the page between slices: `scheduler.yield()` where available (the
 * continuation keeps its priority ahead of other tasks), else a MessageChannel task. `behindOthers` queues
 * the continuation behind the tasks already waiting (a timer task), as a scan that waits for an answer from
 * the browser must do: a `scheduler.yield()` continuation would run ahead of that answer every time.
 */
export function yieldToMain(options: { behindOthers?: boolean } = {}): Promise<void> {
  if (options.behindOthers) return new Promise((resolve) => setTimeout(resolve, 0));
  const scheduler = (globalThis as { scheduler?: SchedulerLike }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}

/**
 * Resolves in a task after the next frame has been produced (the browser has painted what was registered
 * before it), or after `fallbackMs` where frames don't come, as in hidden tabs.
 */
export function afterNextFrame(view: Window, fallbackMs: number): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      setTimeout(resolve, 0);
    };
    view.requestAnimationFrame(go);
    setTimeout(go, fallbackMs);
  });
}

/**
 * Whether the page in `view` has been painted at least once (a paint timing entry exists). True where the
 * browser has no paint timing: there is then nothing to wait for.
 */
export function pageHasPainted(view: Window): boolean {
  const observer = (view as unknown as { PerformanceObserver?: { supportedEntryTypes?: readonly string[] } })
    .PerformanceObserver;
  if (!observer?.supportedEntryTypes?.includes('paint')) return true;
  return view.performance.getEntriesByType('paint').length > 0;
}

/** A performance mark the page (and the benchmark) can read; never throws. */
export function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // A page may have replaced performance.mark.
  }
}

/** A performance measure from `start` until now, with `detail`; never throws. */
export function measureSince(name: string, start: number, detail: unknown): void {
  try {
    performance.measure(name, { start, end: performance.now(), detail });
  } catch {
    // A page may have replaced performance.measure.
  }
}

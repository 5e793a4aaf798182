/** A performance mark the page (and the benchmark) can read; never throws. */
export function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // A page may have replaced performance.mark.
  }
}

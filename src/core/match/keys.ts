/**
 * The first three UTF-16 units of a string, exactly, as one number (< 2^48): a Map key that costs no
 * string allocation or hashing. Stems have at least three characters, and fuzzy variants of ≥ 8-letter
 * words share either their first three or their last four letters, so both indexes key on it.
 */
export function firstThreeKey(s: string): number {
  return (s.charCodeAt(0) * 65536 + s.charCodeAt(1)) * 65536 + s.charCodeAt(2);
}

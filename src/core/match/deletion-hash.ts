/**
 * A bit set of 32-bit polynomial hashes of strings and their one-character deletions. It lets the
 * fuzzy stage reject a page token after O(length) integer arithmetic, with no string allocated, before
 * any hash-map lookup: with thousands of pattern words, almost every long token would otherwise pay for
 * building its deletion variants.
 */
const BASE = 0x01000193;
const MAX_LENGTH = 64;
const powers = new Int32Array(MAX_LENGTH + 1);
powers[0] = 1;
for (let i = 1; i <= MAX_LENGTH; i++) powers[i] = Math.imul(powers[i - 1]!, BASE);

const prefix = new Int32Array(MAX_LENGTH + 1);
const suffix = new Int32Array(MAX_LENGTH + 2);

/** Fills prefix[k] = hash(s[0, k)) and suffix[k] = hash(s[k, n)). */
function fillHashes(s: string): void {
  const n = s.length;
  prefix[0] = 0;
  for (let k = 0; k < n; k++) prefix[k + 1] = (Math.imul(prefix[k]!, BASE) + s.charCodeAt(k)) | 0;
  suffix[n] = 0;
  for (let k = n - 1; k >= 0; k--) suffix[k] = (Math.imul(s.charCodeAt(k), powers[n - 1 - k]!) + suffix[k + 1]!) | 0;
}

/** Three bits within the word chosen by the hash, from a remix of it. */
function probeBits(h: number): number {
  return (1 << (h & 31)) | (1 << ((h >>> 5) & 31)) | (1 << ((h >>> 10) & 31));
}

/** A remix of the hash, independent enough of the bits that chose the word. */
function mix(hash: number): number {
  const h = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ (h >>> 16);
}

export class DeletionHashSet {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /**
   * Sized for the expected number of words (each adds about length + 1 hashes) at ~24 bits per hash.
   * A blocked Bloom filter: the three bits of a hash lie in the same 32-bit word, so a probe costs one
   * memory access; well under 1 % false positives per probe, in a table small enough for CPU caches.
   */
  constructor(expectedWords: number) {
    let size = 1 << 12;
    while (size < expectedWords * 16 * 24 && size < 1 << 26) size <<= 1;
    this.bits = new Uint32Array(size >>> 5);
    this.mask = size - 1;
  }

  private set(hash: number): void {
    const h = mix(hash);
    this.bits[(hash & this.mask) >>> 5]! |= probeBits(h);
  }

  private has(hash: number): boolean {
    const h = mix(hash);
    const probe = probeBits(h);
    return (this.bits[(hash & this.mask) >>> 5]! & probe) === probe;
  }

  /** Adds a word and each of its one-character deletions. */
  addWithDeletions(word: string): void {
    if (word.length > MAX_LENGTH) return;
    fillHashes(word);
    this.set(prefix[word.length]!);
    for (let k = 0; k < word.length; k++) this.set(this.deletionHash(word.length, k));
  }

  /** False when neither the token nor any one-character deletion of it can be in the set. */
  mayShareVariant(token: string): boolean {
    if (token.length > MAX_LENGTH) return false;
    fillHashes(token);
    if (this.has(prefix[token.length]!)) return true;
    for (let k = 0; k < token.length; k++) if (this.has(this.deletionHash(token.length, k))) return true;
    return false;
  }

  /** hash(s without s[k]) from the prefix and suffix hashes of s (length n). */
  private deletionHash(n: number, k: number): number {
    return (Math.imul(prefix[k]!, powers[n - 1 - k]!) + suffix[k + 1]!) | 0;
  }
}

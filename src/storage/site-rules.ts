import { normalizeHost, type SiteRule } from './hosts';

/**
 * Site rules are stored compactly in `sync`, one short string per rule:
 * `+host` (on) or `-host` (off), with `*.` before the host when the rule includes subdomains,
 * e.g. `-*.example.com`. The list is split into shards so that no stored item exceeds
 * `QUOTA_BYTES_PER_ITEM` (8,192 bytes, counted as the key's length plus the value's JSON).
 */

export const SYNC_QUOTA_BYTES_PER_ITEM = 8192;
export const SYNC_QUOTA_BYTES = 102_400;
/** Room left under the per-item quota for the key and for rounding. */
const SHARD_BUDGET = SYNC_QUOTA_BYTES_PER_ITEM - 256;
/** At most this many extra shards; with the first, enough for several thousand sites. */
export const MAX_SHARDS = 10;

export function encodeRule(rule: SiteRule): string {
  return `${rule.mode === 'on' ? '+' : '-'}${rule.includeSubdomains ? '*.' : ''}${rule.host}`;
}

export function decodeRule(text: unknown): SiteRule | null {
  if (typeof text !== 'string' || text.length < 2) return null;
  const sign = text[0];
  if (sign !== '+' && sign !== '-') return null;
  let rest = text.slice(1);
  const includeSubdomains = rest.startsWith('*.');
  if (includeSubdomains) rest = rest.slice(2);
  const host = normalizeHost(rest);
  if (!host) return null;
  return { host, mode: sign === '+' ? 'on' : 'off', includeSubdomains };
}

/** Bytes an item takes against the sync quota. */
export function itemBytes(key: string, value: unknown): number {
  return new TextEncoder().encode(key).length + new TextEncoder().encode(JSON.stringify(value)).length;
}

export class SyncQuotaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncQuotaError';
  }
}

/** Splits encoded rules into shards of at most SHARD_BUDGET bytes each. */
export function shardRules(rules: readonly SiteRule[]): string[][] {
  const shards: string[][] = [[]];
  let size = 2;
  for (const rule of rules) {
    const code = encodeRule(rule);
    const cost = new TextEncoder().encode(JSON.stringify(code)).length + 1;
    if (size + cost > SHARD_BUDGET) {
      shards.push([]);
      size = 2;
    }
    shards[shards.length - 1]!.push(code);
    size += cost;
  }
  if (shards.length > MAX_SHARDS + 1) {
    throw new SyncQuotaError(`Too many site rules to sync (${rules.length}); remove some sites.`);
  }
  return shards;
}

import * as v from 'valibot';
import { storage } from 'wxt/utils/storage';
import { browser } from 'wxt/browser';
import { EVIDENCE_STATUSES } from '../core/pack/evidence';
import { setSiteMode, type DefaultPolicy, type SiteMode, type SiteRule } from './hosts';
import {
  DEFAULT_COLORS,
  defaultPreferences,
  defaultSettings,
  PreferencesSchema,
  type Preferences,
  type Settings,
} from './settings';
import { decodeRule, encodeRule, MAX_SHARDS, shardRules } from './site-rules';
import { lazyItem } from './lazy-item';
import { addNotice } from './notices';

/** Stored shape of `sync:siteRules` (v2): the first shard of encoded rules and how many shards there are. */
export interface StoredSiteRules {
  shards: number;
  rules: string[];
}

/** v1 of `sync:siteRules`: a plain list of hosts where highlighting was off (exact host only). */
export type SiteRulesV1 = string[];

/** v1 of `sync:preferences`: one highlight colour for every status. */
export interface PreferencesV1 {
  policy?: DefaultPolicy;
  paused?: boolean;
  highlightColor?: string;
}

import { PREFERENCES_KEY, SITE_RULES_KEY } from './keys';
export { SITE_RULES_KEY, PREFERENCES_KEY };
/** Current versions of the two items (WXT keeps an item's version in its `<key>$` meta entry). */
export const PREFERENCES_VERSION = 2;
export const SITE_RULES_VERSION = 2;
const shardKey = (i: number) => `${SITE_RULES_KEY}.${i}`;

export function migrateSiteRulesV1(hosts: unknown): StoredSiteRules {
  // Already in the v2 shape (written without its version marker): keep it.
  if (hosts && typeof hosts === 'object' && !Array.isArray(hosts)) return hosts as StoredSiteRules;
  const list = Array.isArray(hosts) ? hosts : [];
  const rules = list
    .map((h) => (typeof h === 'string' ? decodeRule(`-${h}`) : null))
    .filter((r): r is SiteRule => r !== null)
    .map(encodeRule);
  return { shards: 1, rules };
}

export function migratePreferencesV1(old: unknown): Preferences {
  // Already in the v2 shape (written without its version marker): keep it.
  if (old && typeof old === 'object' && 'appearance' in old) return old as Preferences;
  const prev = (old && typeof old === 'object' ? old : {}) as PreferencesV1;
  const base = defaultPreferences();
  const colour =
    typeof prev.highlightColor === 'string' && /^#[0-9a-f]{6}$/i.test(prev.highlightColor) ? prev.highlightColor : null;
  return {
    ...base,
    policy: prev.policy === 'only-listed' ? 'only-listed' : 'all-except-listed',
    paused: prev.paused === true,
    appearance: {
      ...base.appearance,
      colors: colour
        ? (Object.fromEntries(EVIDENCE_STATUSES.map((s) => [s, colour])) as typeof DEFAULT_COLORS)
        : base.appearance.colors,
    },
  };
}

/** Each field that validates is kept; the rest fall back to defaults. Reports whether anything was dropped. */
export function sanitizePreferences(value: unknown): { prefs: Preferences; corrupt: boolean } {
  const base = defaultPreferences();
  if (value == null) return { prefs: base, corrupt: false };
  if (typeof value !== 'object' || Array.isArray(value)) return { prefs: base, corrupt: true };
  const whole = v.safeParse(PreferencesSchema, value);
  if (whole.success) return { prefs: whole.output as Preferences, corrupt: false };
  const out: Record<string, unknown> = { ...base };
  for (const [key, schema] of Object.entries(PreferencesSchema.entries)) {
    const field = v.safeParse(schema, (value as Record<string, unknown>)[key]);
    if (field.success) out[key] = field.output;
  }
  return { prefs: out as unknown as Preferences, corrupt: true };
}

function decodeShard(list: unknown): { rules: SiteRule[]; corrupt: boolean } {
  if (list == null) return { rules: [], corrupt: false };
  if (!Array.isArray(list)) return { rules: [], corrupt: true };
  const rules: SiteRule[] = [];
  let corrupt = false;
  for (const code of list) {
    const rule = decodeRule(code);
    if (rule) rules.push(rule);
    else corrupt = true;
  }
  return { rules, corrupt };
}

/** The site rules from the stored head shard (reading the further shards it points at). */
export async function rulesFromHead(head: unknown): Promise<SiteRule[]> {
  let corrupt = false;
  let first: unknown = [];
  let shards = 1;
  if (head && typeof head === 'object' && !Array.isArray(head)) {
    const h = head as Partial<StoredSiteRules>;
    first = h.rules;
    if (typeof h.shards === 'number' && Number.isInteger(h.shards) && h.shards >= 1 && h.shards <= MAX_SHARDS + 1)
      shards = h.shards;
    else corrupt = true;
  } else if (head != null) corrupt = true;
  const decoded = decodeShard(first);
  const rules = decoded.rules;
  corrupt ||= decoded.corrupt;
  if (shards > 1) {
    const keys = Array.from({ length: shards - 1 }, (_, i) => `sync:${shardKey(i + 1)}` as const);
    const values = await storage.getItems(keys);
    for (const { value } of values) {
      const d = decodeShard(value);
      rules.push(...d.rules);
      corrupt ||= d.corrupt;
    }
  }
  if (corrupt) await addNotice('site-rules');
  // A host listed twice keeps its first rule.
  const seen = new Set<string>();
  return rules.filter((r) => (seen.has(r.host) ? false : (seen.add(r.host), true)));
}

/** The preferences from their stored value: defaults for what is missing or corrupt (with a notice). */
export async function preferencesFromStored(raw: unknown): Promise<Preferences> {
  const { prefs, corrupt } = sanitizePreferences(raw);
  if (corrupt) await addNotice('preferences');
  return prefs;
}

/**
 * Settings in `storage.sync`, versioned with migrations; corrupt data falls back to defaults with a notice.
 * Its items are defined (and so check their versions) when first used: a page load reads the settings
 * itself (page-load.ts) and may never need them.
 */
export function createSettingsStore() {
  const preferencesItem = lazyItem(() =>
    storage.defineItem<Preferences>(`sync:${PREFERENCES_KEY}`, {
      fallback: defaultPreferences(),
      version: PREFERENCES_VERSION,
      migrations: { 2: migratePreferencesV1 },
    }),
  );
  const siteRulesItem = lazyItem(() =>
    storage.defineItem<StoredSiteRules>(`sync:${SITE_RULES_KEY}`, {
      fallback: { shards: 1, rules: [] },
      version: SITE_RULES_VERSION,
      migrations: { 2: migrateSiteRulesV1 },
    }),
  );

  async function getRules(): Promise<SiteRule[]> {
    return rulesFromHead(await siteRulesItem().getValue());
  }

  async function setRules(rules: readonly SiteRule[]): Promise<void> {
    const shards = shardRules(rules);
    const head = await browser.storage.sync.get(SITE_RULES_KEY);
    const previous = (head[SITE_RULES_KEY] as Partial<StoredSiteRules> | undefined)?.shards;
    const previousCount = typeof previous === 'number' && previous > 0 ? Math.min(previous, MAX_SHARDS + 1) : 1;
    const extra = shards.slice(1).map((list, i) => ({ key: `sync:${shardKey(i + 1)}` as const, value: list }));
    // Extra shards first, then the head that points at them, so a reader never sees a head without its shards.
    if (extra.length) await storage.setItems(extra);
    await siteRulesItem().setValue({ shards: shards.length, rules: shards[0]! });
    const stale = Array.from({ length: Math.max(0, previousCount - shards.length) }, (_, i) =>
      shardKey(shards.length + i),
    );
    if (stale.length) await browser.storage.sync.remove(stale);
  }

  async function getPreferences(): Promise<Preferences> {
    return preferencesFromStored(await preferencesItem().getValue());
  }

  const store = {
    get preferencesItem() {
      return preferencesItem();
    },
    get siteRulesItem() {
      return siteRulesItem();
    },
    getRules,
    setRules,
    getPreferences,
    async setPreferences(patch: Partial<Preferences>): Promise<void> {
      const current = await getPreferences();
      await preferencesItem().setValue({ ...current, ...patch });
    },
    async get(): Promise<Settings> {
      const [prefs, rules] = await Promise.all([getPreferences(), getRules()]);
      return { ...prefs, rules };
    },
    /** Replaces every setting (import, reset). */
    async replace(settings: Settings): Promise<void> {
      const { rules, ...prefs } = settings;
      await preferencesItem().setValue(prefs);
      await setRules(rules);
    },
    async reset(): Promise<void> {
      await store.replace(defaultSettings());
    },
    async setSiteMode(host: string, mode: SiteMode): Promise<void> {
      const [prefs, rules] = await Promise.all([getPreferences(), getRules()]);
      await setRules(setSiteMode(rules, host, mode, prefs.policy));
    },
    async setPaused(paused: boolean): Promise<void> {
      await store.setPreferences({ paused });
    },
    /**
     * Calls back with the new settings after any change to them, in this or any other context
     * (every tab, popup, options, background). Returns an unsubscribe function.
     */
    watch(callback: (settings: Settings) => void): () => void {
      const listener = (changes: Record<string, unknown>, area: string) => {
        if (area !== 'sync') return;
        if (!Object.keys(changes).some((k) => k === PREFERENCES_KEY || k.startsWith(SITE_RULES_KEY))) return;
        void store.get().then(callback);
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
  return store;
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

let shared: SettingsStore | null = null;
/** The settings store shared by one extension context. */
export function settingsStore(): SettingsStore {
  shared ??= createSettingsStore();
  return shared;
}

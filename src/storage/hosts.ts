/**
 * Site keys and the pure decision whether highlighting runs on a site.
 *
 * A site key is a normalised host name: lower-case, ASCII (IDN hosts in punycode), no port, no
 * trailing dot. Local files share one key, `file://`. Pages we can't or shouldn't run on have no key.
 */

export type SiteMode = 'on' | 'off';
export type DefaultPolicy = 'all-except-listed' | 'only-listed';

export interface SiteRule {
  host: string;
  mode: SiteMode;
  /** Also applies to every subdomain of `host` (a more specific rule still wins). */
  includeSubdomains: boolean;
}

/** The part of the settings the decision depends on. */
export interface SiteControlSettings {
  policy: DefaultPolicy;
  rules: readonly SiteRule[];
  paused: boolean;
}

export const FILE_SITE = 'file://';

/** Hosts where browsers forbid extensions to run (web stores). */
const STORE_HOSTS = [
  'chromewebstore.google.com',
  'addons.mozilla.org',
  'microsoftedge.microsoft.com',
  'addons.opera.com',
];

/**
 * Normalises a host typed by a reader or taken from a URL: trims, lower-cases, strips a scheme,
 * path, port and trailing dot, converts IDN to punycode. Returns null when it isn't a host.
 */
export function normalizeHost(input: string): string | null {
  let text = input.trim();
  if (!text) return null;
  if (text === FILE_SITE || /^file:/i.test(text)) return FILE_SITE;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.replace(/\.$/, '');
  if (!host || host.includes('..')) return null;
  return host;
}

/** True for URLs the extension can't run on: browser pages, web stores, view-source and the like. */
export function isRestrictedUrl(url: string | undefined | null): boolean {
  if (!url) return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  if (parsed.protocol === 'file:') return false;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return true;
  const host = parsed.hostname;
  if (STORE_HOSTS.includes(host)) return true;
  if (host === 'chrome.google.com' && parsed.pathname.startsWith('/webstore')) return true;
  return false;
}

/** The site key for a page URL, or null for pages the extension doesn't run on (about:, chrome://, stores…). */
export function siteFromUrl(url: string | undefined | null): string | null {
  if (!url || isRestrictedUrl(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol === 'file:') return FILE_SITE;
  return normalizeHost(parsed.hostname);
}

/** True for IPv4 addresses and bracketed IPv6 addresses (as URL.hostname gives them). */
export function isIpAddress(host: string): boolean {
  return host.startsWith('[') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}

/** The rule that decides a host: an exact rule first, else the closest parent rule that includes subdomains. */
export function ruleFor(host: string, rules: readonly SiteRule[]): SiteRule | null {
  const exact = rules.find((r) => r.host === host);
  if (exact) return exact;
  // An IP address has no subdomains.
  if (isIpAddress(host)) return null;
  let best: SiteRule | null = null;
  for (const rule of rules) {
    if (!rule.includeSubdomains || rule.host === FILE_SITE) continue;
    if (host.endsWith(`.${rule.host}`) && (!best || rule.host.length > best.host.length)) best = rule;
  }
  return best;
}

/**
 * Whether highlighting runs on `host` (a host name, a host with a port, a URL, or a site key).
 * Never on restricted pages or while paused; else the deciding rule, else the default policy.
 */
export function isEnabledFor(host: string | null | undefined, settings: SiteControlSettings): boolean {
  if (host == null || settings.paused) return false;
  let key: string | null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(host) && !/^[^:/]+:\d+$/.test(host)) key = siteFromUrl(host);
  else key = normalizeHost(host);
  if (!key) return false;
  const rule = ruleFor(key, settings.rules);
  if (rule) return rule.mode === 'on';
  return settings.policy === 'all-except-listed';
}

/**
 * The rules after the reader switches `host` on or off. Changes the host's own rule if it has one,
 * else adds one; drops the rule when it only restates what would apply without it.
 */
export function setSiteMode(
  rules: readonly SiteRule[],
  host: string,
  mode: SiteMode,
  policy: DefaultPolicy,
): SiteRule[] {
  const key = normalizeHost(host);
  if (!key) return [...rules];
  const others = rules.filter((r) => r.host !== key);
  const own = rules.find((r) => r.host === key);
  const next: SiteRule = { host: key, mode, includeSubdomains: own?.includeSubdomains ?? false };
  const inherited = ruleFor(key, others);
  const withoutOwn = inherited ? inherited.mode : policy === 'all-except-listed' ? 'on' : 'off';
  if (withoutOwn === mode && !next.includeSubdomains) return others;
  return own ? rules.map((r) => (r.host === key ? next : r)) : [...rules, next];
}

/** Decodes one punycode label (RFC 3492), without the `xn--` prefix. Throws on malformed input. */
function decodePunycode(input: string): string {
  const base = 36;
  const tMin = 1;
  const tMax = 26;
  const adapt = (delta: number, points: number, first: boolean): number => {
    let d = first ? Math.floor(delta / 700) : delta >> 1;
    d += Math.floor(d / points);
    let k = 0;
    while (d > ((base - tMin) * tMax) >> 1) {
      d = Math.floor(d / (base - tMin));
      k += base;
    }
    return k + Math.floor(((base - tMin + 1) * d) / (d + 38));
  };
  const output: number[] = [];
  const basic = Math.max(0, input.lastIndexOf('-'));
  for (let j = 0; j < basic; j++) output.push(input.charCodeAt(j));
  let n = 128;
  let bias = 72;
  let i = 0;
  for (let index = basic > 0 ? basic + 1 : 0; index < input.length;) {
    const oldi = i;
    let w = 1;
    for (let k = base; ; k += base) {
      if (index >= input.length) throw new Error('bad punycode');
      const c = input.charCodeAt(index++);
      const digit = c >= 48 && c <= 57 ? c - 22 : c >= 97 && c <= 122 ? c - 97 : c >= 65 && c <= 90 ? c - 65 : base;
      if (digit >= base) throw new Error('bad punycode');
      i += digit * w;
      const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (digit < t) break;
      w *= base - t;
    }
    const count = output.length + 1;
    bias = adapt(i - oldi, count, oldi === 0);
    n += Math.floor(i / count);
    i %= count;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

/** A site key as readers write it: IDN labels in Unicode (e.g. `пример.рф`), else unchanged. */
export function displayHost(host: string): string {
  if (!host.includes('xn--')) return host;
  return host
    .split('.')
    .map((label) => {
      if (!label.startsWith('xn--')) return label;
      try {
        return decodePunycode(label.slice(4));
      } catch {
        return label;
      }
    })
    .join('.');
}

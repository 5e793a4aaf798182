import { describe, expect, it } from 'vitest';
import {
  displayHost,
  isEnabledFor,
  isRestrictedUrl,
  normalizeHost,
  setSiteMode,
  siteFromUrl,
  type SiteControlSettings,
} from './hosts';

const everywhere = (rules: SiteControlSettings['rules'] = [], paused = false): SiteControlSettings => ({
  policy: 'all-except-listed',
  rules,
  paused,
});
const onlyListed = (rules: SiteControlSettings['rules'] = []): SiteControlSettings => ({
  policy: 'only-listed',
  rules,
  paused: false,
});

describe('normalizeHost', () => {
  it('lower-cases, strips scheme, path, port and trailing dot', () => {
    expect(normalizeHost(' WWW.Example.COM ')).toBe('www.example.com');
    expect(normalizeHost('https://news.example.com:8443/a/b?c')).toBe('news.example.com');
    expect(normalizeHost('example.com.')).toBe('example.com');
    expect(normalizeHost('localhost:3000')).toBe('localhost');
  });
  it('converts IDN hosts to punycode', () => {
    expect(normalizeHost('пример.рф')).toBe('xn--e1afmkfd.xn--p1ai');
    expect(normalizeHost('НАША-НІВА.BY')).toBe(normalizeHost('наша-ніва.by'));
  });
  it('rejects what is not a host', () => {
    expect(normalizeHost('')).toBeNull();
    expect(normalizeHost('   ')).toBeNull();
    expect(normalizeHost('ftp://example.com')).toBeNull();
    expect(normalizeHost('exa mple.com')).toBeNull();
  });
});

describe('siteFromUrl and restricted pages', () => {
  it('gives the host for web pages and one key for local files', () => {
    expect(siteFromUrl('https://www.example.com/news/1')).toBe('www.example.com');
    expect(siteFromUrl('http://127.0.0.1:8080/')).toBe('127.0.0.1');
    expect(siteFromUrl('file:///home/me/article.html')).toBe('file://');
  });
  it.each([
    'about:blank',
    'chrome://extensions/',
    'chrome-extension://abc/popup.html',
    'view-source:https://example.com/',
    'edge://settings',
    'https://chromewebstore.google.com/detail/x',
    'https://chrome.google.com/webstore/detail/x',
    'https://addons.mozilla.org/en-US/firefox/',
    'data:text/html,hi',
    '',
    'not a url',
  ])('%s is restricted', (url) => {
    expect(isRestrictedUrl(url)).toBe(true);
    expect(siteFromUrl(url)).toBeNull();
    expect(isEnabledFor(url || null, everywhere())).toBe(false);
  });
  it('does not restrict ordinary Google pages', () => {
    expect(isRestrictedUrl('https://chrome.google.com/intl/en/')).toBe(false);
  });
});

describe('isEnabledFor', () => {
  it('follows the default policy when no rule applies', () => {
    expect(isEnabledFor('example.com', everywhere())).toBe(true);
    expect(isEnabledFor('example.com', onlyListed())).toBe(false);
  });
  it('never runs while paused, whatever the rules say', () => {
    expect(
      isEnabledFor('example.com', everywhere([{ host: 'example.com', mode: 'on', includeSubdomains: true }], true)),
    ).toBe(false);
  });
  it('applies an exact rule to that host only, unless it includes subdomains', () => {
    const exact = everywhere([{ host: 'example.com', mode: 'off', includeSubdomains: false }]);
    expect(isEnabledFor('example.com', exact)).toBe(false);
    expect(isEnabledFor('www.example.com', exact)).toBe(true);
    const subs = everywhere([{ host: 'example.com', mode: 'off', includeSubdomains: true }]);
    expect(isEnabledFor('example.com', subs)).toBe(false);
    expect(isEnabledFor('www.example.com', subs)).toBe(false);
    expect(isEnabledFor('a.b.example.com', subs)).toBe(false);
    // A suffix that is not a subdomain boundary does not match.
    expect(isEnabledFor('badexample.com', subs)).toBe(true);
  });
  it('lets the most specific rule win', () => {
    const rules = [
      { host: 'example.com', mode: 'off' as const, includeSubdomains: true },
      { host: 'news.example.com', mode: 'on' as const, includeSubdomains: true },
      { host: 'sport.news.example.com', mode: 'off' as const, includeSubdomains: false },
    ];
    expect(isEnabledFor('www.example.com', everywhere(rules))).toBe(false);
    expect(isEnabledFor('news.example.com', everywhere(rules))).toBe(true);
    expect(isEnabledFor('live.news.example.com', everywhere(rules))).toBe(true);
    expect(isEnabledFor('sport.news.example.com', everywhere(rules))).toBe(false);
  });
  it('runs only on listed sites under the "only listed" policy', () => {
    const s = onlyListed([{ host: 'news.example.com', mode: 'on', includeSubdomains: false }]);
    expect(isEnabledFor('news.example.com', s)).toBe(true);
    expect(isEnabledFor('example.com', s)).toBe(false);
    expect(isEnabledFor('other.org', s)).toBe(false);
  });
  it('handles IP addresses, including IPv6 with a port', () => {
    const s = everywhere([{ host: '[::1]', mode: 'off', includeSubdomains: true }]);
    expect(isEnabledFor('http://[::1]:8080/x', s)).toBe(false);
    expect(isEnabledFor('http://127.0.0.1:8080/x', s)).toBe(true);
    // An IP address has no subdomains: a rule for 0.0.1 must not cover 127.0.0.1.
    expect(isEnabledFor('127.0.0.1', everywhere([{ host: '0.0.1', mode: 'off', includeSubdomains: true }]))).toBe(true);
  });
  it('ignores ports and accepts URLs', () => {
    const s = everywhere([{ host: 'localhost', mode: 'off', includeSubdomains: false }]);
    expect(isEnabledFor('localhost:5173', s)).toBe(false);
    expect(isEnabledFor('http://localhost:5173/article', s)).toBe(false);
    expect(isEnabledFor('https://example.com:8443/x', s)).toBe(true);
  });
  it('matches IDN hosts written in Unicode or punycode alike', () => {
    const s = everywhere([{ host: 'xn--e1afmkfd.xn--p1ai', mode: 'off', includeSubdomains: true }]);
    expect(isEnabledFor('пример.рф', s)).toBe(false);
    expect(isEnabledFor('новости.пример.рф', s)).toBe(false);
    expect(isEnabledFor('https://xn--e1afmkfd.xn--p1ai/', s)).toBe(false);
  });
  it('treats local files as one site', () => {
    expect(isEnabledFor('file:///tmp/a.html', everywhere())).toBe(true);
    expect(
      isEnabledFor('file:///tmp/a.html', everywhere([{ host: 'file://', mode: 'off', includeSubdomains: false }])),
    ).toBe(false);
    expect(isEnabledFor('file:///tmp/a.html', onlyListed())).toBe(false);
  });
  it('is off for missing hosts and about: pages', () => {
    expect(isEnabledFor(null, everywhere())).toBe(false);
    expect(isEnabledFor(undefined, everywhere())).toBe(false);
    expect(isEnabledFor('about:blank', everywhere())).toBe(false);
  });
});

describe('setSiteMode', () => {
  it('adds an exact rule and removes it when it only restates the policy', () => {
    const off = setSiteMode([], 'www.example.com', 'off', 'all-except-listed');
    expect(off).toEqual([{ host: 'www.example.com', mode: 'off', includeSubdomains: false }]);
    expect(setSiteMode(off, 'www.example.com', 'on', 'all-except-listed')).toEqual([]);
  });
  it('keeps an "on" rule that overrides a parent "off" rule', () => {
    const parent = [{ host: 'example.com', mode: 'off' as const, includeSubdomains: true }];
    const next = setSiteMode(parent, 'www.example.com', 'on', 'all-except-listed');
    expect(isEnabledFor('www.example.com', everywhere(next))).toBe(true);
    expect(isEnabledFor('example.com', everywhere(next))).toBe(false);
  });
  it('changes the mode of an existing subdomain rule in place', () => {
    const rules = [{ host: 'example.com', mode: 'on' as const, includeSubdomains: true }];
    expect(setSiteMode(rules, 'EXAMPLE.com', 'off', 'only-listed')).toEqual([
      { host: 'example.com', mode: 'off', includeSubdomains: true },
    ]);
  });
});

describe('displayHost', () => {
  it('shows IDN hosts in Unicode and round-trips with normalizeHost', () => {
    expect(displayHost('xn--e1afmkfd.xn--p1ai')).toBe('пример.рф');
    expect(displayHost('news.xn--80ao21a')).toBe('news.қаз');
    for (const host of ['наша-ніва.by', 'bücher.de', 'новости.пример.рф', 'example.com']) {
      expect(displayHost(normalizeHost(host)!)).toBe(host);
    }
    expect(displayHost('xn--!!')).toBe('xn--!!');
  });
});

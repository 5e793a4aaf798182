import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load } from 'js-yaml';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** For component tests: answers browser.i18n.getMessage from locales/<lang>.yml. */
export function installTestI18n(lang = 'en'): void {
  const data = load(readFileSync(resolve(import.meta.dirname, `../../../locales/${lang}.yml`), 'utf8')) as Record<
    string,
    unknown
  >;
  const flat = new Map<string, string>();
  const walk = (node: unknown, prefix: string) => {
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}_${k}` : k);
    } else if (node != null) flat.set(prefix, String(node));
  };
  walk(data, '');
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18n.getMessage = (key: string, subs?: string | string[]) => {
    const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    return (flat.get(key) ?? '').replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
  };
  i18n.getUILanguage = () => lang;
}

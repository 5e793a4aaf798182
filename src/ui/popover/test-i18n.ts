import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const LOCALES_DIR = resolve(import.meta.dirname, '../../../locales');

/**
 * The fake browser in unit tests has no i18n; this serves the real messages from locales/<locale>.yml
 * the way the browser would (positional $1…$9 substitutions), and reports `locale` as the UI language.
 */
export async function useLocaleMessages(locale: 'en' | 'ru' | 'uk' | 'be'): Promise<Record<string, string>> {
  const messages = generateChromeMessages(await parseMessagesFile(resolve(LOCALES_DIR, `${locale}.yml`)));
  const table: Record<string, string> = {};
  for (const [key, value] of Object.entries(messages)) table[key] = value.message;
  const i18n = fakeBrowser.i18n as unknown as {
    getMessage: (name: string, substitutions?: string | string[]) => string;
    getUILanguage: () => string;
  };
  i18n.getMessage = (name, substitutions) => {
    const message = table[name];
    if (message === undefined) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return message.replace(/\$(\d)/g, (_m, n: string) => subs[Number(n) - 1] ?? '');
  };
  i18n.getUILanguage = () => locale;
  return table;
}

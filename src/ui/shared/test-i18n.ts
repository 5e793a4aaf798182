import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * For component tests: answers browser.i18n.getMessage from locales/<lang>.yml, converted exactly as
 * the build converts it into _locales/<lang>/messages.json.
 */
export function installTestI18n(lang = 'en'): void {
  const text = readFileSync(resolve(import.meta.dirname, `../../../locales/${lang}.yml`), 'utf8');
  const messages = generateChromeMessages(parseMessagesText(text, 'YAML')) as Record<string, { message: string }>;
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18n.getMessage = (key: string, subs?: string | string[]) => {
    const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    return (messages[key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
  };
  i18n.getUILanguage = () => lang;
}

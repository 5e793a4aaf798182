// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { installTestI18n } from './test-i18n';
import { Popup } from '../popup/Popup';
import { Options } from '../options/Options';
import { addReport } from '../../storage/reports';
import { bundledPacks } from '../../storage/active-packs';

afterEach(() => cleanup());

describe.each(['en', 'ru', 'uk', 'be'])('UI strings in %s', (lang) => {
  it('has every popup and options message', async () => {
    fakeBrowser.reset();
    installTestI18n(lang);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    (fakeBrowser.tabs as unknown as { sendMessage: unknown }).sendMessage = vi.fn(async () => ({
      enabled: true,
      total: 1,
      narratives: [{ id: 'x', title: 'X', count: 1 }],
    }));
    const tab = await fakeBrowser.tabs.create({ url: 'https://news.example.com/a' });
    await addReport({ kind: 'problem', narrativeId: 'x', text: 't', pattern: 'p', host: 'h', note: 'n' });
    await addReport({ kind: 'missed-term', term: 't', narrativeId: null });
    history.replaceState(null, '', `#narrative=${bundledPacks()[0]!.narratives[0]!.id}`);
    render(
      <>
        <Popup tabId={tab.id} />
        <Options />
      </>,
    );
    await screen.findByRole('switch', { name: /news\.example\.com/ });
    await screen.findByRole('article');
    const missing = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('Message not found'));
    warn.mockRestore();
    expect(missing).toEqual([]);
    // The English text does not leak into other languages' interface.
    if (lang !== 'en') expect(document.body.textContent).not.toContain('Report a missed term');
  });
});

describe('locale files', () => {
  it('give every popup, options, menu and command key in every language, with the same substitutions', async () => {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const { generateChromeMessages, parseMessagesText } = await import('@wxt-dev/i18n/build');
    const load = (lang: string) =>
      generateChromeMessages(
        parseMessagesText(readFileSync(resolve(import.meta.dirname, `../../../locales/${lang}.yml`), 'utf8'), 'YAML'),
      ) as Record<string, { message: string }>;
    const ours = (messages: Record<string, { message: string }>) =>
      Object.fromEntries(
        Object.entries(messages)
          .filter(([k]) => /^(popup|options|menu|command)_/.test(k))
          .map(([k, v]) => [k, (v.message.match(/\$\d/g) ?? []).sort().join(',')]),
      );
    const en = ours(load('en'));
    expect(Object.keys(en).length).toBeGreaterThan(100);
    for (const lang of ['ru', 'uk', 'be']) {
      expect(ours(load(lang))).toEqual(en);
    }
  });
});

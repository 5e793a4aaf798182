// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import type { Narrative, PackSource } from '../../core/pack/schema';
import type { Occurrence, PopoverActions } from '../../content/types';
import { Popover, safeHttpUrl, type PopoverProps } from './Popover';
import { localizeNarrative, readerLanguageFrom } from './i18n';
import { useLocaleMessages } from './test-i18n';

const XSS = '<img src=x onerror=alert(1)>';

function narrative(overrides: Partial<Narrative> = {}): Narrative {
  return {
    id: 'belarus-army-will-attack-ukraine',
    title: "Belarus's army will attack Ukraine on Moscow's order",
    claim: 'Belarusian tanks will roll south into Ukraine as soon as the Kremlin snaps its fingers.',
    counterAnalysis: 'The analysis treats this as a forecast built by extrapolating from past events.',
    keyPoints: ['A prediction extrapolated from the past.', 'Ukraine is Belarus’s second export market.'],
    evidence: { status: 'speculative-forecast', note: 'The article presents no facts that such an order exists.' },
    quotes: [{ text: 'generals are preparing for the past war', location: 'paragraph 2' }],
    related: [],
    patterns: { en: ['belarusian tank*'] },
    examples: { en: ['Belarusian tanks will move south.'] },
    counterExamples: {},
    ...overrides,
  };
}

const second = narrative({
  id: 'belarusian-generals-are-russian-agents',
  title: 'Belarusian generals are Russian agents',
  claim: 'All of Belarus’s generals are agents of the FSB and the GRU.',
  counterAnalysis: 'No evidence is offered for it.',
  keyPoints: [],
  evidence: { status: 'no-evidence', note: 'Repeated without facts.' },
  quotes: [],
});

const source: PackSource = {
  title: 'Belarus-Ukraine: Troubled Period',
  date: '2021 (inferred from the text)',
  author: null,
  url: null,
  publisher: null,
};

function occurrence(narratives: Narrative[], extra: Partial<Occurrence> = {}): Occurrence {
  return {
    id: 7,
    range: document.createRange(),
    narratives,
    status: narratives[0]!.evidence.status,
    text: 'Belarusian tanks',
    lang: 'en',
    pattern: 'belarusian tank*',
    ...extra,
  };
}

function spyActions() {
  return {
    notRelevant: vi.fn<PopoverActions['notRelevant']>(),
    reportProblem: vi.fn<PopoverActions['reportProblem']>(),
    turnOffSite: vi.fn<PopoverActions['turnOffSite']>(),
    openMore: vi.fn<PopoverActions['openMore']>(),
  };
}

function show(props: Partial<PopoverProps> = {}) {
  const actions = spyActions();
  const onClose = vi.fn<PopoverProps['onClose']>();
  const occ = props.occurrence ?? occurrence([narrative()]);
  const view = render(
    <Popover
      occurrence={occ}
      source={source}
      lang="en"
      actions={actions}
      onClose={onClose}
      // happy-dom marks script-dispatched events untrusted; the default (trusted only) is tested separately.
      acceptEvent={() => true}
      {...props}
    />,
  );
  return { ...view, actions, onClose, occ, dialog: screen.getByRole('dialog') };
}

beforeEach(async () => {
  await useLocaleMessages('en');
});
afterEach(cleanup);

describe('Popover content', () => {
  it('is a dialog labelled by the narrative title, with status, claim, analysis, key points, quote and source', () => {
    const { dialog } = show();
    const title = screen.getByRole('heading', { level: 2 });
    expect(title.textContent).toBe("Belarus's army will attack Ukraine on Moscow's order");
    expect(dialog.getAttribute('aria-labelledby')).toBe(title.id);
    expect(dialog.getAttribute('lang')).toBe('en');
    const text = dialog.textContent!;
    expect(text).toContain('Speculative forecast');
    expect(screen.getByRole('heading', { name: 'What is claimed' })).toBeTruthy();
    expect(text).toContain('Belarusian tanks will roll south into Ukraine');
    expect(screen.getByRole('heading', { name: 'What the analysis says' })).toBeTruthy();
    expect(text).toContain('extrapolating from past events');
    const points = within(dialog)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(points).toEqual(['A prediction extrapolated from the past.', 'Ukraine is Belarus’s second export market.']);
    const quote = dialog.querySelector('blockquote q');
    expect(quote?.textContent).toBe('generals are preparing for the past war');
    expect(dialog.querySelector('figure figcaption')?.textContent).toContain('Belarus-Ukraine: Troubled Period');
    expect(dialog.querySelector('figure figcaption')?.textContent).toContain('paragraph 2');
    const sourceLine = dialog.querySelector('.fc-source')!.textContent!;
    expect(sourceLine).toContain('2021 (inferred from the text)');
    expect(sourceLine).toContain('author unknown');
    expect(dialog.querySelector('a')).toBeNull();
  });

  it('explains why the phrase is highlighted: matched words, language and pattern', () => {
    const { dialog } = show({
      occurrence: occurrence([narrative()], { text: 'белорусские танки', lang: 'ru', pattern: 'белорусск* танк*' }),
    });
    const why = dialog.querySelector('.fc-why')!.textContent!;
    expect(why).toContain('Why highlighted');
    expect(why).toContain('“белорусские танки” matches the Russian pattern “белорусск* танк*”');
    expect(dialog.querySelector('.fc-why code')!.textContent).toBe('белорусск* танк*');
  });

  it('shows the status definition on demand through a keyboard-reachable disclosure button', () => {
    const { dialog } = show();
    const button = screen.getByRole('button', { name: 'What does this status mean?' });
    const definition = dialog.querySelector<HTMLElement>(`#${button.getAttribute('aria-controls')}`)!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(definition.hidden).toBe(true);
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(definition.hidden).toBe(false);
    expect(definition.textContent).toContain('A prediction about the future that extrapolates from the past');
    expect(definition.textContent).toContain('The article presents no facts that such an order exists.');
  });

  it('renders pack text as text, never as HTML', () => {
    const { dialog } = show({
      occurrence: occurrence([narrative({ title: XSS, claim: XSS, keyPoints: [XSS] })], { text: XSS }),
    });
    expect(dialog.querySelector('img')).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(XSS);
    expect(dialog.textContent).toContain(XSS);
  });

  it('links the source only when it has an http(s) url', () => {
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('https://example.org/a')).toBe('https://example.org/a');
    show({ source: { ...source, url: 'javascript:alert(1)', author: 'A. Writer' } });
    expect(screen.getByRole('dialog').querySelector('a')).toBeNull();
    expect(screen.getByRole('dialog').textContent).toContain('A. Writer');
    cleanup();
    show({ source: { ...source, url: 'https://example.org/analysis' } });
    const link = screen.getByRole('link', { name: 'Belarus-Ukraine: Troubled Period' });
    expect(link.getAttribute('href')).toBe('https://example.org/analysis');
    expect(link.getAttribute('rel')).toContain('noopener');
  });
});

describe('Popover without a known source', () => {
  it('leaves out the source line and attributes the quote by location only', () => {
    const { dialog } = show({ source: null });
    expect(dialog.querySelector('.fc-source')).toBeNull();
    expect(dialog.querySelector('figcaption')!.textContent).toBe('— paragraph 2');
  });
});

describe('Popover with several narratives', () => {
  it('lets the reader switch between them with tabs (click and arrow keys)', () => {
    const { dialog } = show({ occurrence: occurrence([narrative(), second]) });
    const tabs = screen.getAllByRole('tab');
    expect(tabs).toHaveLength(2);
    expect(screen.getByRole('tablist').getAttribute('aria-label')).toBe('Narratives behind this phrase');
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(tabs[0]!.id);
    fireEvent.click(tabs[1]!);
    expect(screen.getAllByRole('tab')[1]!.getAttribute('aria-selected')).toBe('true');
    const title = screen.getByRole('heading', { level: 2 });
    expect(title.textContent).toBe('Belarusian generals are Russian agents');
    expect(dialog.getAttribute('aria-labelledby')).toBe(title.id);
    expect(dialog.textContent).toContain('No evidence presented');
    fireEvent.keyDown(screen.getAllByRole('tab')[1]!, { key: 'ArrowRight' });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(
      "Belarus's army will attack Ukraine on Moscow's order",
    );
    expect(screen.getAllByRole('tab')[0]!.getAttribute('tabindex')).toBe('0');
    expect(screen.getAllByRole('tab')[1]!.getAttribute('tabindex')).toBe('-1');
  });

  it('has no tabs when one narrative applies', () => {
    show();
    expect(screen.queryByRole('tablist')).toBeNull();
  });
});

describe('Popover actions', () => {
  it('calls each action with the right occurrence or narrative', () => {
    const { actions, occ } = show({ occurrence: occurrence([narrative(), second]) });
    fireEvent.click(screen.getByRole('button', { name: 'Not relevant here' }));
    expect(actions.notRelevant).toHaveBeenCalledExactlyOnceWith(occ);
    expect(screen.getByRole('status').textContent).toContain('noted');
    fireEvent.click(screen.getByRole('button', { name: 'Report a problem' }));
    expect(actions.reportProblem).toHaveBeenCalledExactlyOnceWith(occ);
    fireEvent.click(screen.getByRole('button', { name: 'Turn off on this site' }));
    expect(actions.turnOffSite).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: /^More about/ }));
    expect(actions.openMore).toHaveBeenLastCalledWith('belarus-army-will-attack-ukraine');
    fireEvent.click(screen.getAllByRole('tab')[1]!);
    fireEvent.click(screen.getByRole('button', { name: /^More about/ }));
    expect(actions.openMore).toHaveBeenLastCalledWith('belarusian-generals-are-russian-agents');
  });

  it('ignores events that page scripts dispatch (untrusted) by default', () => {
    const { actions, onClose } = show({ acceptEvent: undefined });
    fireEvent.click(screen.getByRole('button', { name: 'Turn off on this site' }));
    fireEvent.click(screen.getByRole('button', { name: 'Not relevant here' }));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(actions.turnOffSite).not.toHaveBeenCalled();
    expect(actions.notRelevant).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('closes on Esc and on the close button', () => {
    const { onClose, dialog } = show();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).toHaveBeenLastCalledWith('escape');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenLastCalledWith('button');
  });

  it('keeps Tab cycling within its own controls', () => {
    const { dialog } = show();
    const buttons = [...dialog.querySelectorAll<HTMLElement>('button')];
    const first = buttons[0]!;
    const last = buttons[buttons.length - 1]!;
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
  });
});

describe('Popover language', () => {
  const translated = narrative({
    translations: {
      ru: {
        title: 'Армия Беларуси нападёт на Украину по приказу Москвы',
        claim: 'Белорусские танки двинутся на юг.',
        counterAnalysis: 'Анализ считает это прогнозом.',
      },
    },
  });

  it('maps UI languages to reader languages', () => {
    expect(readerLanguageFrom('ru-RU')).toBe('ru');
    expect(readerLanguageFrom('be')).toBe('be');
    expect(readerLanguageFrom('uk')).toBe('uk');
    expect(readerLanguageFrom('de-DE')).toBe('en');
    expect(readerLanguageFrom(undefined)).toBe('en');
  });

  it('uses the narrative translation and translated UI strings for a Russian reader', async () => {
    await useLocaleMessages('ru');
    const { dialog } = show({ occurrence: occurrence([translated]), lang: 'ru' });
    const title = screen.getByRole('heading', { level: 2 });
    expect(title.textContent).toBe('Армия Беларуси нападёт на Украину по приказу Москвы');
    expect(title.getAttribute('lang')).toBe('ru');
    expect(dialog.getAttribute('lang')).toBe('ru');
    expect(screen.getByRole('heading', { name: 'Что утверждается' })).toBeTruthy();
    expect(dialog.textContent).toContain('Умозрительный прогноз');
    expect(dialog.textContent).toContain('автор неизвестен');
    // Key points the translation lacks fall back to English, marked as English.
    expect(dialog.querySelector('ul')!.getAttribute('lang')).toBe('en');
  });

  it('uses translated key points and evidence note when the translation has them', () => {
    const full = narrative({
      translations: {
        uk: {
          title: 'Армія Білорусі нападе на Україну',
          claim: 'Танки рушать на південь.',
          counterAnalysis: 'Аналіз вважає це прогнозом.',
          keyPoints: ['Прогноз, а не факт.'],
          evidenceNote: 'Фактів не наведено.',
        },
      },
    });
    const uk = localizeNarrative(full, 'uk');
    expect(uk).toMatchObject({
      lang: 'uk',
      keyPoints: ['Прогноз, а не факт.'],
      keyPointsLang: 'uk',
      evidenceNote: 'Фактів не наведено.',
      evidenceNoteLang: 'uk',
    });
    // Belarusian asked for, none given: English throughout.
    expect(localizeNarrative(full, 'be')).toMatchObject({ lang: 'en', title: full.title, keyPointsLang: 'en' });
  });

  it('falls back to English text when the narrative has no translation', async () => {
    await useLocaleMessages('uk');
    show({ occurrence: occurrence([narrative()]), lang: 'uk' });
    const title = screen.getByRole('heading', { level: 2 });
    expect(title.textContent).toBe("Belarus's army will attack Ukraine on Moscow's order");
    expect(title.getAttribute('lang')).toBe('en');
    expect(localizeNarrative(translated, 'en').title).toBe(translated.title);
  });
});

describe('Popover accessibility', () => {
  it('has no serious or critical axe violations (one and several narratives, definition open)', async () => {
    show({ occurrence: occurrence([narrative(), second]), source: { ...source, url: 'https://example.org/a' } });
    fireEvent.click(screen.getByRole('button', { name: 'What does this status mean?' }));
    const results = await axe.run(document.body, { resultTypes: ['violations'] });
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('would catch a violation (the check is not vacuous)', async () => {
    show();
    const close = screen.getByRole('button', { name: 'Close' });
    close.removeAttribute('aria-label');
    close.removeAttribute('title');
    const results = await axe.run(document.body, { resultTypes: ['violations'] });
    expect(results.violations.map((v) => v.id)).toContain('button-name');
  });
});

describe('reader language', () => {
  it('follows the browser UI language for ru/uk/be, else the language the messages are in', async () => {
    const { uiReaderLanguage } = await import('./i18n');
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    await useLocaleMessages('uk');
    expect(uiReaderLanguage()).toBe('uk');
    await useLocaleMessages('en');
    expect(uiReaderLanguage()).toBe('en');
    // Messages in Russian while the API reports English (a browser started with --lang=ru).
    await useLocaleMessages('ru');
    (fakeBrowser.i18n as unknown as { getUILanguage: () => string }).getUILanguage = () => 'en-US';
    expect(uiReaderLanguage()).toBe('ru');
  });
});

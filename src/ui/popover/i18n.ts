import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import type { EvidenceStatus } from '../../core/pack/evidence';
import type { Language, Narrative } from '../../core/pack/schema';

/** The reader's language: narrative translations are used for ru/uk/be, English otherwise. */
export type ReaderLanguage = Language;

/** Maps a BCP 47 tag such as "ru-RU" or "be" to a reader language; anything else reads English. */
export function readerLanguageFrom(tag: string | null | undefined): ReaderLanguage {
  const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
  return base === 'ru' || base === 'uk' || base === 'be' ? base : 'en';
}

/**
 * The reader's language: the browser UI language (browser.i18n.getUILanguage()) when it is ru/uk/be;
 * otherwise the language our UI messages are actually shown in (they can differ, e.g. a browser started
 * with --lang), so that narrative text and UI strings never end up in two languages needlessly.
 */
export function uiReaderLanguage(): ReaderLanguage {
  let fromUi: ReaderLanguage = 'en';
  try {
    fromUi = readerLanguageFrom(browser.i18n.getUILanguage());
  } catch {
    // No i18n API here: English.
  }
  if (fromUi !== 'en') return fromUi;
  try {
    return readerLanguageFrom(i18n.t('popover.locale'));
  } catch {
    return 'en';
  }
}

/** Narrative text as the reader sees it, with the language each part is actually in. */
export interface LocalizedNarrative {
  id: string;
  lang: ReaderLanguage;
  title: string;
  claim: string;
  counterAnalysis: string;
  keyPoints: string[];
  /** Key points fall back to English when a translation has none. */
  keyPointsLang: ReaderLanguage;
  evidenceNote: string;
  evidenceNoteLang: ReaderLanguage;
}

export function localizeNarrative(narrative: Narrative, lang: ReaderLanguage): LocalizedNarrative {
  const tr = lang === 'en' ? undefined : narrative.translations?.[lang];
  if (!tr) {
    return {
      id: narrative.id,
      lang: 'en',
      title: narrative.title,
      claim: narrative.claim,
      counterAnalysis: narrative.counterAnalysis,
      keyPoints: narrative.keyPoints,
      keyPointsLang: 'en',
      evidenceNote: narrative.evidence.note,
      evidenceNoteLang: 'en',
    };
  }
  return {
    id: narrative.id,
    lang,
    title: tr.title,
    claim: tr.claim,
    counterAnalysis: tr.counterAnalysis,
    keyPoints: tr.keyPoints ?? narrative.keyPoints,
    keyPointsLang: tr.keyPoints ? lang : 'en',
    evidenceNote: tr.evidenceNote ?? narrative.evidence.note,
    evidenceNoteLang: tr.evidenceNote ? lang : 'en',
  };
}

const STATUS_TEXT = {
  'no-evidence': ['popover.statusNames.noEvidence', 'popover.statusDefinitions.noEvidence'],
  'speculative-forecast': ['popover.statusNames.speculativeForecast', 'popover.statusDefinitions.speculativeForecast'],
  disputed: ['popover.statusNames.disputed', 'popover.statusDefinitions.disputed'],
  'missing-context': ['popover.statusNames.missingContext', 'popover.statusDefinitions.missingContext'],
  framing: ['popover.statusNames.framing', 'popover.statusDefinitions.framing'],
  outdated: ['popover.statusNames.outdated', 'popover.statusDefinitions.outdated'],
  unverified: ['popover.statusNames.unverified', 'popover.statusDefinitions.unverified'],
  'analyst-forecast': ['popover.statusNames.analystForecast', 'popover.statusDefinitions.analystForecast'],
} as const satisfies Record<EvidenceStatus, readonly [string, string]>;

/** The status's reader-facing label and one-line definition in the UI language. */
export function statusText(status: EvidenceStatus): { label: string; definition: string } {
  const [label, definition] = STATUS_TEXT[status];
  return { label: i18n.t(label), definition: i18n.t(definition) };
}

const LANGUAGE_NAME = {
  en: 'popover.lang.en',
  ru: 'popover.lang.ru',
  uk: 'popover.lang.uk',
  be: 'popover.lang.be',
} as const satisfies Record<Language, string>;

export function languageName(lang: Language): string {
  return i18n.t(LANGUAGE_NAME[lang]);
}

export { i18n };

import { i18n } from '#i18n';
import type { EvidenceStatus } from '../../core/pack/evidence';
import type { Language, Narrative } from '../../core/pack/schema';
import { browser } from 'wxt/browser';

/** The reader-facing name of an evidence status (shared with the popover's strings). */
export function statusName(status: EvidenceStatus): string {
  switch (status) {
    case 'no-evidence':
      return i18n.t('popover.statusNames.noEvidence');
    case 'speculative-forecast':
      return i18n.t('popover.statusNames.speculativeForecast');
    case 'disputed':
      return i18n.t('popover.statusNames.disputed');
    case 'missing-context':
      return i18n.t('popover.statusNames.missingContext');
    case 'framing':
      return i18n.t('popover.statusNames.framing');
    case 'outdated':
      return i18n.t('popover.statusNames.outdated');
    case 'unverified':
      return i18n.t('popover.statusNames.unverified');
    case 'analyst-forecast':
      return i18n.t('popover.statusNames.analystForecast');
  }
}

export function languageName(lang: Language): string {
  switch (lang) {
    case 'en':
      return i18n.t('options.languages.en');
    case 'ru':
      return i18n.t('options.languages.ru');
    case 'uk':
      return i18n.t('options.languages.uk');
    case 'be':
      return i18n.t('options.languages.be');
  }
}

/** The UI language when the pack has a translation for it, else null (English text). */
export function uiLanguage(): Exclude<Language, 'en'> | null {
  const lang = (browser.i18n.getUILanguage?.() ?? 'en').slice(0, 2);
  return lang === 'ru' || lang === 'uk' || lang === 'be' ? lang : null;
}

/** A narrative's reader-facing text in the UI language where the pack translates it. */
export function localized(n: Narrative) {
  const lang = uiLanguage();
  const t = lang ? n.translations?.[lang] : undefined;
  return {
    title: t?.title ?? n.title,
    claim: t?.claim ?? n.claim,
    counterAnalysis: t?.counterAnalysis ?? n.counterAnalysis,
    keyPoints: t?.keyPoints ?? n.keyPoints,
    evidenceNote: t?.evidenceNote ?? n.evidence.note,
  };
}

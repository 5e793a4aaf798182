import { useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { PackSource } from '../../core/pack/schema';
import type { Occurrence, PopoverActions } from '../../content/types';
import { i18n, languageName, localizeNarrative, statusText, type ReaderLanguage } from './i18n';
import { StatusIcon } from './StatusIcon';

export type CloseReason = 'escape' | 'button';

export interface PopoverProps {
  occurrence: Occurrence;
  /** The analysis article the pack is built from (pack.source). */
  source: PackSource | null;
  /** The reader's language: narrative translations are used for ru/uk/be. */
  lang: ReaderLanguage;
  actions: PopoverActions;
  onClose(reason: CloseReason): void;
  /** Which events to act on; only trusted (user) events by default, so page scripts cannot press our buttons. */
  acceptEvent?: (event: Event) => boolean;
  /** Prefix for element ids, unique per popover instance. */
  idPrefix?: string;
}

const trustedOnly = (event: Event) => event.isTrusted;

/** Only http(s) links are rendered; anything else (javascript:, data:) stays plain text. */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

// A placeholder the message substitution keeps as is (the browser drops control characters).
const MARK = '[[fc-pattern]]';

/** "“words” matches the English pattern “…”", with the pattern set as code (all of it text, never HTML). */
function WhyText({ occurrence }: { occurrence: Occurrence }) {
  const message = i18n.t('popover.whyText', [occurrence.text, languageName(occurrence.lang), MARK]);
  const at = message.indexOf(MARK);
  const before = at < 0 ? `${message} ` : message.slice(0, at);
  const after = at < 0 ? '' : message.slice(at + MARK.length);
  return (
    <>
      {before}
      <code class="fc-pattern">{occurrence.pattern}</code>
      {after}
    </>
  );
}

const FOCUSABLE = 'button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * The narrative's counter-analysis and evidence status for one highlighted phrase: a non-modal dialog.
 * Pack text is rendered as text only (never as HTML).
 */
export function Popover(props: PopoverProps) {
  const { occurrence, source, lang, actions, onClose, idPrefix = 'fc' } = props;
  const accept = props.acceptEvent ?? trustedOnly;
  const [active, setActive] = useState(0);
  const [infoOpen, setInfoOpen] = useState(false);
  const [notice, setNotice] = useState('');
  const dialogRef = useRef<HTMLDivElement>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const narratives = occurrence.narratives;
  const index = Math.min(active, narratives.length - 1);
  const narrative = narratives[index]!;
  const text = localizeNarrative(narrative, lang);
  const status = narrative.evidence.status;
  const statusInfo = statusText(status);
  const multiple = narratives.length > 1;
  const id = (part: string) => `${idPrefix}-${part}`;
  const titleId = id(`title-${index}`);
  const quote = narrative.quotes[0];
  const sourceUrl = safeHttpUrl(source?.url);
  // The language our interface strings are in (pack text below carries its own lang).
  const uiLocale = i18n.t('popover.locale') || 'en';

  const guard =
    <E extends Event>(fn: (event: E) => void) =>
    (event: E) => {
      if (accept(event)) fn(event);
    };

  const selectTab = (next: number, focus: boolean) => {
    const wrapped = (next + narratives.length) % narratives.length;
    setActive(wrapped);
    setInfoOpen(false);
    if (focus) tabRefs.current[wrapped]?.focus();
  };

  const onTabKeyDown = guard((event: KeyboardEvent) => {
    const keys: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: -1 };
    const target = keys[event.key];
    if (target === undefined) return;
    event.preventDefault();
    selectTab(target, true);
  });

  const onKeyDown = guard((event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose('escape');
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    // Non-modal, but Tab cycles through the popover's own controls; Esc is the way back to the page.
    const dialog = dialogRef.current;
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]'));
    if (!items.length) return;
    const root = dialog.getRootNode() as Document | ShadowRoot;
    const current = root.activeElement;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && (current === first || current === dialog)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && current === last) {
      event.preventDefault();
      first.focus();
    }
  });

  const click = (fn: () => void) => guard((_event: MouseEvent) => fn());

  const panel: JSX.Element = (
    <div
      class="fc-scroll"
      id={id('panel')}
      {...(multiple ? { role: 'tabpanel', 'aria-labelledby': id(`tab-${index}`) } : {})}
    >
      <div class="fc-status-row">
        <span class="fc-badge" data-status={status}>
          <StatusIcon status={status} />
          <span class="fc-visually-hidden">{i18n.t('popover.status')}: </span>
          <span class="fc-badge-label">{statusInfo.label}</span>
        </span>
        <button
          type="button"
          class="fc-icon-button fc-info"
          aria-expanded={infoOpen ? 'true' : 'false'}
          aria-controls={id('definition')}
          aria-label={i18n.t('popover.statusInfo')}
          title={i18n.t('popover.statusInfo')}
          onClick={click(() => setInfoOpen((open) => !open))}
        >
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" stroke-width="1.5" />
            <path d="M8 7.25v4" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
            <circle cx="8" cy="4.9" r="0.95" fill="currentColor" />
          </svg>
        </button>
      </div>
      <div class="fc-definition" id={id('definition')} hidden={!infoOpen}>
        <p>{statusInfo.definition}</p>
        <p>
          <span class="fc-em">{i18n.t('popover.inThisCase')}</span>{' '}
          <span lang={text.evidenceNoteLang}>{text.evidenceNote}</span>
        </p>
      </div>
      <h2 class="fc-title" id={titleId} lang={text.lang}>
        {text.title}
      </h2>
      <h3 class="fc-heading">{i18n.t('popover.claimed')}</h3>
      <p class="fc-claim" lang={text.lang}>
        {text.claim}
      </p>
      <h3 class="fc-heading">{i18n.t('popover.analysis')}</h3>
      <p lang={text.lang}>{text.counterAnalysis}</p>
      {text.keyPoints.length > 0 && (
        <>
          <h3 class="fc-heading">{i18n.t('popover.keyPoints')}</h3>
          <ul class="fc-points" lang={text.keyPointsLang}>
            {text.keyPoints.map((point, i) => (
              <li key={i}>{point}</li>
            ))}
          </ul>
        </>
      )}
      {quote && (
        <figure class="fc-quote" aria-label={i18n.t('popover.quote')}>
          {/* Quotes and the source title are pack base text, which is English. */}
          <blockquote lang="en">
            <p>
              <q>{quote.text}</q>
            </p>
          </blockquote>
          <figcaption>
            — {source ? <cite lang="en">{source.title}</cite> : null}
            {source ? ', ' : ''}
            {quote.location}
          </figcaption>
        </figure>
      )}
      {source && (
        <p class="fc-source">
          <span class="fc-em">{i18n.t('popover.source')}:</span>{' '}
          {sourceUrl ? (
            <a href={sourceUrl} target="_blank" rel="noopener noreferrer">
              <cite lang="en">{source.title}</cite>
            </a>
          ) : (
            <cite lang="en">{source.title}</cite>
          )}
          {source.publisher ? ` · ${source.publisher}` : ''}
          {' · '}
          {source.date ?? i18n.t('popover.dateUnknown')}
          {' · '}
          {source.author ?? i18n.t('popover.authorUnknown')}
        </p>
      )}
      <p class="fc-why">
        <span class="fc-em">{i18n.t('popover.why')}:</span> <WhyText occurrence={occurrence} />
      </p>
    </div>
  );

  return (
    <div
      ref={dialogRef}
      class="fc-popover"
      role="dialog"
      aria-labelledby={titleId}
      lang={uiLocale}
      tabIndex={-1}
      data-status={status}
      data-narrative={narrative.id}
      onKeyDown={onKeyDown}
    >
      <button
        type="button"
        class="fc-icon-button fc-close"
        aria-label={i18n.t('popover.close')}
        title={i18n.t('popover.close')}
        onClick={click(() => onClose('button'))}
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
        </svg>
      </button>
      {multiple && (
        <div class="fc-tabs" role="tablist" aria-label={i18n.t('popover.narratives')}>
          {narratives.map((n, i) => (
            <button
              key={n.id}
              ref={(el) => {
                tabRefs.current[i] = el;
              }}
              type="button"
              role="tab"
              class="fc-tab"
              id={id(`tab-${i}`)}
              aria-selected={i === index ? 'true' : 'false'}
              aria-controls={id('panel')}
              tabIndex={i === index ? 0 : -1}
              onClick={click(() => selectTab(i, false))}
              onKeyDown={onTabKeyDown}
            >
              <StatusIcon status={n.evidence.status} />
              <span class="fc-tab-label" lang={localizeNarrative(n, lang).lang}>
                {localizeNarrative(n, lang).title}
              </span>
            </button>
          ))}
        </div>
      )}
      {panel}
      <div class="fc-actions" role="group" aria-label={i18n.t('popover.actions')}>
        <button
          type="button"
          class="fc-button fc-primary"
          aria-label={i18n.t('popover.moreLabel', [text.title])}
          onClick={click(() => actions.openMore(narrative.id))}
        >
          {i18n.t('popover.more')}
        </button>
        <button
          type="button"
          class="fc-button"
          onClick={click(() => {
            actions.notRelevant(occurrence);
            setNotice(i18n.t('popover.notRelevantDone'));
          })}
        >
          {i18n.t('popover.notRelevant')}
        </button>
        <button type="button" class="fc-button" onClick={click(() => actions.reportProblem(occurrence))}>
          {i18n.t('popover.report')}
        </button>
        <button type="button" class="fc-button" onClick={click(() => actions.turnOffSite())}>
          {i18n.t('popover.turnOff')}
        </button>
      </div>
      <p class="fc-notice" role="status">
        {notice}
      </p>
    </div>
  );
}

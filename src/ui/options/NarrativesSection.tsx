import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import Fuse from 'fuse.js';
import { i18n } from '#i18n';
import { LANGUAGES, type Narrative } from '../../core/pack/schema';
import { languageName, localized, statusName } from '../shared/i18n-helpers';
import { SearchField } from '../shared/SearchField';

/** Search the enabled packs and read each narrative in full; `selected` comes from `#narrative=<id>`. */
export function NarrativesSection({
  narratives,
  selected,
  onSelect,
}: {
  narratives: Narrative[];
  selected: string | null;
  onSelect(id: string | null): void;
}) {
  const [query, setQuery] = useState('');
  const fuse = useMemo(
    () =>
      new Fuse(
        narratives.map((n) => ({
          n,
          ...localized(n),
          patterns: LANGUAGES.flatMap((l) => n.patterns[l] ?? []),
        })),
        {
          keys: [
            { name: 'title', weight: 3 },
            { name: 'claim', weight: 2 },
            { name: 'patterns', weight: 2 },
            'counterAnalysis',
            'keyPoints',
          ],
          threshold: 0.35,
          ignoreLocation: true,
        },
      ),
    [narratives],
  );
  const results = query.trim() ? fuse.search(query.trim()).map((r) => r.item.n) : narratives;
  const current = narratives.find((n) => n.id === selected) ?? null;
  const detailRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (current && detailRef.current) {
      // The whole browser (search, list and text) comes into view; focus moves to the text.
      detailRef.current.closest('section')?.scrollIntoView({ block: 'start' });
      detailRef.current.focus({ preventScroll: true });
    }
  }, [current?.id]);

  return (
    <section id="narratives" aria-labelledby="narratives-heading" class="section">
      <h2 id="narratives-heading">{i18n.t('options.narratives.heading')}</h2>
      <SearchField label={i18n.t('options.narratives.search')} value={query} onChange={setQuery} />
      <div class="narrative-browser">
        <ul class="narrative-list" aria-label={i18n.t('options.narratives.listLabel')}>
          {results.map((n) => (
            <li key={n.id}>
              <a
                href={`#narrative=${encodeURIComponent(n.id)}`}
                aria-current={n.id === current?.id ? 'true' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  onSelect(n.id);
                }}
              >
                {localized(n).title}
              </a>
            </li>
          ))}
          {results.length === 0 && <li class="fc-muted">{i18n.t('options.narratives.noResults')}</li>}
        </ul>
        {current ? (
          <NarrativeDetail narrative={current} all={narratives} onSelect={onSelect} detailRef={detailRef} />
        ) : (
          <p class="fc-muted detail-empty">{i18n.t('options.narratives.pick')}</p>
        )}
      </div>
    </section>
  );
}

function NarrativeDetail({
  narrative,
  all,
  onSelect,
  detailRef,
}: {
  narrative: Narrative;
  all: Narrative[];
  onSelect(id: string): void;
  detailRef: preact.RefObject<HTMLElement>;
}) {
  const text = localized(narrative);
  return (
    <article class="fc-card narrative-detail" tabIndex={-1} ref={detailRef} aria-labelledby="narrative-title">
      <h3 id="narrative-title">{text.title}</h3>
      <p class="status-line">
        <strong>{statusName(narrative.evidence.status)}</strong> — {text.evidenceNote}
      </p>
      <h4>{i18n.t('popover.claimed')}</h4>
      <p>{text.claim}</p>
      <h4>{i18n.t('popover.analysis')}</h4>
      <p>{text.counterAnalysis}</p>
      {text.keyPoints.length > 0 && (
        <>
          <h4>{i18n.t('popover.keyPoints')}</h4>
          <ul>
            {text.keyPoints.map((k, i) => (
              <li key={i}>{k}</li>
            ))}
          </ul>
        </>
      )}
      {narrative.quotes.length > 0 && (
        <>
          <h4>{i18n.t('popover.quote')}</h4>
          {narrative.quotes.map((q, i) => (
            <blockquote key={i}>
              «{q.text}» <span class="fc-muted small">({q.location})</span>
            </blockquote>
          ))}
        </>
      )}
      {narrative.related.length > 0 && (
        <>
          <h4>{i18n.t('options.narratives.related')}</h4>
          <ul>
            {narrative.related.map((id) => {
              const rel = all.find((n) => n.id === id);
              return rel ? (
                <li key={id}>
                  <a
                    href={`#narrative=${encodeURIComponent(id)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      onSelect(id);
                    }}
                  >
                    {localized(rel).title}
                  </a>
                </li>
              ) : null;
            })}
          </ul>
        </>
      )}
      <details>
        <summary>{i18n.t('options.narratives.patterns')}</summary>
        <dl class="patterns">
          {LANGUAGES.filter((l) => narrative.patterns[l]?.length).map((l) => (
            <div key={l}>
              <dt>{languageName(l)}</dt>
              <dd>{narrative.patterns[l]!.join(' · ')}</dd>
            </div>
          ))}
        </dl>
      </details>
    </article>
  );
}

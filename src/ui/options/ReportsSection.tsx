import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { Narrative } from '../../core/pack/schema';
import { removeReport, removeReports, reportsToJson, type Report, type ReportKind } from '../../storage/reports';
import { downloadText } from '../shared/download';

/** The plain-text report the reader can review, copy and send wherever they choose. */
export function reportText(report: Report, narratives: readonly Narrative[]): string {
  const title = (id: string | null) => (id ? (narratives.find((n) => n.id === id)?.title ?? id) : '—');
  const lines =
    report.kind === 'missed-term'
      ? [
          `${i18n.t('options.reports.kindMissed')}`,
          `${i18n.t('popup.term')}: ${report.term}`,
          `${i18n.t('popup.narrative')}: ${report.narrativeId ? title(report.narrativeId) : i18n.t('popup.notSure')}`,
        ]
      : [
          report.kind === 'problem'
            ? i18n.t('options.reports.kindProblem')
            : i18n.t('options.reports.kindFalsePositive'),
          `${i18n.t('popup.narrative')}: ${title(report.narrativeId)} (${report.narrativeId})`,
          `${i18n.t('options.reports.matched')}: “${report.text}” (${report.pattern})`,
        ];
  if (report.host) lines.push(`${i18n.t('options.reports.site')}: ${report.host}`);
  if (report.note) lines.push(`${i18n.t('options.reports.note')}: ${report.note}`);
  lines.push(`${i18n.t('options.reports.date')}: ${new Date(report.at).toISOString().slice(0, 10)}`);
  return lines.join('\n');
}

const GROUPS: { kinds: ReportKind[]; heading: () => string }[] = [
  { kinds: ['problem'], heading: () => i18n.t('options.reports.problems') },
  { kinds: ['false-positive'], heading: () => i18n.t('options.reports.falsePositives') },
  { kinds: ['missed-term'], heading: () => i18n.t('options.reports.missedTerms') },
];

/** Reports made while reading: review, copy, export, clear. Nothing is ever sent. */
export function ReportsSection({
  reports,
  narratives,
  focusId,
}: {
  reports: Report[];
  narratives: Narrative[];
  focusId: string | null;
}) {
  const [copied, setCopied] = useState<string | null>(null);
  const focusRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focusId && focusRef.current) {
      focusRef.current.scrollIntoView({ block: 'center' });
      focusRef.current.focus({ preventScroll: true });
    }
  }, [focusId, reports.length]);

  return (
    <section id="reports" aria-labelledby="reports-heading" class="section">
      <h2 id="reports-heading">{i18n.t('options.reports.heading')}</h2>
      <p class="fc-muted">{i18n.t('options.reports.intro')}</p>
      <div class="row wrap">
        <button
          type="button"
          class="fc-button"
          disabled={!reports.length}
          onClick={() => downloadText('factcontext-reports.json', reportsToJson(reports))}
        >
          {i18n.t('options.reports.exportAll')}
        </button>
        <button type="button" class="fc-button danger" disabled={!reports.length} onClick={() => void removeReports()}>
          {i18n.t('options.reports.clearAll')}
        </button>
      </div>
      {GROUPS.map(({ kinds, heading }) => {
        const list = reports.filter((r) => kinds.includes(r.kind)).reverse();
        return (
          <div key={kinds[0]} class="report-group">
            <div class="row group-head">
              <h3 class="grow">
                {heading()} <span class="fc-muted">({list.length})</span>
              </h3>
              {list.length > 0 && (
                <button
                  type="button"
                  class="fc-button danger"
                  aria-label={i18n.t('options.reports.clearGroup', [heading()])}
                  onClick={() => void Promise.all(kinds.map((k) => removeReports(k)))}
                >
                  {i18n.t('options.reports.clearGroupShort')}
                </button>
              )}
            </div>
            {list.length === 0 ? (
              <p class="fc-muted small">{i18n.t('options.reports.none')}</p>
            ) : (
              <ul class="reports">
                {list.map((r) => {
                  const text = reportText(r, narratives);
                  return (
                    <li
                      key={r.id}
                      id={`report-${r.id}`}
                      class={`fc-card report${r.id === focusId ? ' focused' : ''}`}
                      tabIndex={r.id === focusId ? -1 : undefined}
                      ref={r.id === focusId ? focusRef : undefined}
                    >
                      <pre class="report-text">{text}</pre>
                      <div class="row">
                        <button
                          type="button"
                          class="fc-button"
                          onClick={() =>
                            void navigator.clipboard?.writeText(text).then(
                              () => setCopied(r.id),
                              () => setCopied(null),
                            )
                          }
                        >
                          {i18n.t('options.reports.copy')}
                        </button>
                        <button type="button" class="fc-button danger" onClick={() => void removeReport(r.id)}>
                          {i18n.t('options.reports.delete')}
                        </button>
                        <span role="status" class="fc-muted small">
                          {copied === r.id ? i18n.t('options.reports.copied') : ''}
                        </span>
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
}

import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { Narrative } from '../../core/pack/schema';
import { bundledPacks } from '../../storage/active-packs';
import { clearNotices, getNotices, type NoticeSource, type StorageNotice } from '../../storage/notices';
import { combinePacks, getImportedPacks, type PackEntry } from '../../storage/packs';
import { getReports, type Report } from '../../storage/reports';
import type { Settings } from '../../storage/settings';
import { settingsStore } from '../../storage/store';
import { AppearanceSection } from './AppearanceSection';
import { DataSection } from './DataSection';
import { NarrativesSection } from './NarrativesSection';
import { PacksSection } from './PacksSection';
import { ReportsSection } from './ReportsSection';
import { SitesSection } from './SitesSection';

/** `#narrative=<id>` or `#report=<id>` (the popover's "More" and problem reports land here). */
export function parseHash(hash: string): { narrative: string | null; report: string | null } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { narrative: params.get('narrative'), report: params.get('report') };
}

function noticeText(source: NoticeSource): string {
  switch (source) {
    case 'preferences':
      return i18n.t('options.notices.preferences');
    case 'site-rules':
      return i18n.t('options.notices.siteRules');
    case 'packs':
      return i18n.t('options.notices.packs');
    case 'reports':
      return i18n.t('options.notices.reports');
  }
}

/** The options page: sites, appearance, languages, packs, narratives, reports, data. */
export function Options() {
  const store = useMemo(() => settingsStore(), []);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [imported, setImported] = useState<Awaited<ReturnType<typeof getImportedPacks>>>([]);
  const [reports, setReports] = useState<Report[]>([]);
  const [notices, setNotices] = useState<StorageNotice[]>([]);
  const [hash, setHash] = useState(() => parseHash(location.hash));

  useEffect(() => {
    const loadLocal = () => {
      void getImportedPacks().then(setImported);
      void getReports().then(setReports);
      void getNotices().then(setNotices);
    };
    void store.get().then((s) => {
      setSettings(s);
      void getNotices().then(setNotices);
    });
    loadLocal();
    const stopSync = store.watch((s) => {
      setSettings(s);
      void getNotices().then(setNotices);
    });
    const onLocal = (_changes: unknown, area: string) => area === 'local' && loadLocal();
    browser.storage.onChanged.addListener(onLocal);
    const onHash = () => setHash(parseHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => {
      stopSync();
      browser.storage.onChanged.removeListener(onLocal);
      window.removeEventListener('hashchange', onHash);
    };
  }, [store]);

  const entries: PackEntry[] = useMemo(
    () => combinePacks(bundledPacks(), imported, settings?.disabledPacks ?? []),
    [imported, settings?.disabledPacks],
  );
  const narratives: Narrative[] = useMemo(() => {
    const seen = new Set<string>();
    return entries.flatMap((e) => e.pack.narratives).filter((n) => (seen.has(n.id) ? false : (seen.add(n.id), true)));
  }, [entries]);

  if (!settings) return <main class="options">{i18n.t('popup.loading')}</main>;

  const nav: [string, string][] = [
    ['sites', i18n.t('options.sites.heading')],
    ['appearance', i18n.t('options.appearance.heading')],
    ['packs', i18n.t('options.packs.heading')],
    ['narratives', i18n.t('options.narratives.heading')],
    ['reports', i18n.t('options.reports.heading')],
    ['data', i18n.t('options.data.heading')],
  ];

  return (
    <div class="options-layout">
      <nav class="options-nav" aria-label={i18n.t('options.navLabel')}>
        <p class="brand">{i18n.t('extName')}</p>
        <ul>
          {nav.map(([id, label]) => (
            <li key={id}>
              <a
                href={`#${id}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(id)?.scrollIntoView({ block: 'start' });
                }}
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main class="options">
        <h1>{i18n.t('options.title')}</h1>
        {notices.length > 0 && (
          <div class="fc-notice notices" role="alert">
            <ul>
              {notices.map((n) => (
                <li key={n.source}>{noticeText(n.source)}</li>
              ))}
            </ul>
            <button type="button" class="fc-button" onClick={() => void clearNotices().then(() => setNotices([]))}>
              {i18n.t('options.notices.dismiss')}
            </button>
          </div>
        )}
        <p class="fc-muted privacy">{i18n.t('options.privacy')}</p>
        <SitesSection settings={settings} store={store} />
        <AppearanceSection settings={settings} store={store} />
        <PacksSection settings={settings} store={store} entries={entries} />
        <NarrativesSection
          narratives={narratives}
          selected={hash.narrative}
          onSelect={(id) => {
            history.replaceState(null, '', id ? `#narrative=${encodeURIComponent(id)}` : '#narratives');
            setHash({ narrative: id, report: null });
          }}
        />
        <ReportsSection reports={reports} narratives={narratives} focusId={hash.report} />
        <DataSection settings={settings} store={store} />
      </main>
    </div>
  );
}

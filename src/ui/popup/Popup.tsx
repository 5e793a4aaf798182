import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { isMessage, sendToBackground, sendToTab, type TabSummary } from '../../messaging';
import { displayHost, isEnabledFor, isRestrictedUrl, ruleFor, siteFromUrl } from '../../storage/hosts';
import type { Settings } from '../../storage/settings';
import { settingsStore } from '../../storage/store';
import { loadPackEntries } from '../../storage/active-packs';
import { addReport } from '../../storage/reports';
import { Switch } from '../shared/Switch';
import { localized } from '../shared/i18n-helpers';

export interface PopupProps {
  /** The tab to act on; the active tab when absent. */
  tabId?: number;
}

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T };

async function findTab(tabId?: number): Promise<Browser.tabs.Tab | null> {
  if (tabId !== undefined) return browser.tabs.get(tabId).catch(() => null);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab ?? null;
}

/** The toolbar popup: this site's switch, global pause, what's on the page, missed-term reports. */
export function Popup({ tabId }: PopupProps) {
  const store = useMemo(() => settingsStore(), []);
  const [tab, setTab] = useState<Load<Browser.tabs.Tab | null>>({ state: 'loading' });
  const [settings, setSettings] = useState<Settings | null>(null);
  const [summary, setSummary] = useState<TabSummary | null | 'unreachable'>(null);
  const [narratives, setNarratives] = useState<{ id: string; title: string }[]>([]);

  useEffect(() => {
    void loadPackEntries().then((entries) =>
      setNarratives(
        entries
          .filter((e) => e.enabled)
          .flatMap((e) => e.pack.narratives.map((n) => ({ id: n.id, title: localized(n).title }))),
      ),
    );
  }, []);

  useEffect(() => {
    void findTab(tabId).then((t) => setTab({ state: 'ready', value: t }));
    void store.get().then(setSettings);
    return store.watch(setSettings);
  }, [tabId, store]);

  const currentTab = tab.state === 'ready' ? tab.value : null;
  const url = currentTab?.url;
  const site = siteFromUrl(url);
  const restricted = tab.state === 'ready' && (!currentTab || isRestrictedUrl(url));

  const refresh = useCallback(() => {
    const id = currentTab?.id;
    if (id === undefined || restricted) return;
    // The background adds up every frame's counts (as on the badge); else ask the page itself.
    sendToBackground({ type: 'tab-summary', tabId: id })
      .catch(() => null)
      .then((merged) => merged ?? sendToTab(id, { type: 'get-summary' }))
      .then(
        (s) => setSummary(s ?? 'unreachable'),
        () => setSummary('unreachable'),
      );
  }, [currentTab?.id, restricted]);

  useEffect(() => {
    refresh();
    if (currentTab?.id === undefined) return;
    // Content scripts broadcast their counts on every change; keep "On this page" current.
    const listener = (message: unknown, sender: Browser.runtime.MessageSender) => {
      if (isMessage(message) && message.type === 'summary' && sender.tab?.id === currentTab.id) refresh();
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [refresh, currentTab?.id]);

  if (tab.state === 'loading' || !settings) {
    return (
      <main class="popup">
        <Header />
        <p class="fc-muted">{i18n.t('popup.loading')}</p>
      </main>
    );
  }

  if (restricted || !site) {
    return (
      <main class="popup">
        <Header />
        <p class="fc-card restricted" role="status">
          {i18n.t('popup.restricted')}
        </p>
        <Footer />
      </main>
    );
  }

  const siteOn = isEnabledFor(site, { ...settings, paused: false });
  const running = siteOn && !settings.paused;
  const inherited = ruleFor(site, settings.rules);
  const shownHost = site === 'file://' ? i18n.t('popup.localFiles') : displayHost(site);

  return (
    <main class="popup">
      <Header />
      {settings.paused && (
        <div class="fc-notice paused" role="status">
          <span>{i18n.t('popup.paused')}</span>
          <button type="button" class="fc-button primary" onClick={() => void store.setPaused(false)}>
            {i18n.t('popup.resume')}
          </button>
        </div>
      )}
      <section class="fc-card site" aria-labelledby="site-heading">
        <h2 id="site-heading" class="site-host" title={shownHost}>
          {shownHost}
        </h2>
        <Switch
          checked={siteOn}
          label={i18n.t('popup.switchLabel', [shownHost])}
          text={i18n.t('popup.switchText')}
          stateText={siteOn ? i18n.t('popup.on') : i18n.t('popup.off')}
          onChange={(on) => void store.setSiteMode(site, on ? 'on' : 'off')}
        />
        {inherited && inherited.host !== site && (
          <p class="fc-muted small">{i18n.t('popup.inheritedRule', [displayHost(inherited.host)])}</p>
        )}
      </section>

      <section aria-labelledby="page-heading" class="on-page">
        <h2 id="page-heading">{i18n.t('popup.onThisPage')}</h2>
        <OnThisPage running={running} summary={summary} tabId={currentTab?.id} narratives={narratives} />
      </section>

      {!settings.paused && (
        <p class="pause-row">
          <button type="button" class="fc-button" onClick={() => void store.setPaused(true)}>
            {i18n.t('popup.pause')}
          </button>
        </p>
      )}

      <MissedTerm host={site} narratives={narratives} />
      <Footer />
    </main>
  );
}

function Header() {
  return (
    <header class="popup-header">
      <h1>{i18n.t('extName')}</h1>
    </header>
  );
}

function Footer() {
  return (
    <footer class="popup-footer">
      <a
        href={browser.runtime.getURL('/options.html')}
        target="_blank"
        rel="noopener"
        onClick={(event) => {
          // Reuses an open options tab instead of opening another.
          if (!browser.runtime.openOptionsPage) return;
          event.preventDefault();
          void browser.runtime.openOptionsPage();
        }}
      >
        {i18n.t('popup.settings')}
      </a>
    </footer>
  );
}

function OnThisPage({
  running,
  summary,
  tabId,
  narratives,
}: {
  running: boolean;
  summary: TabSummary | null | 'unreachable';
  tabId: number | undefined;
  /** Titles in the reader's language where the pack translates them. */
  narratives: { id: string; title: string }[];
}) {
  const [missing, setMissing] = useState<string | null>(null);
  if (!running) return <p class="fc-muted">{i18n.t('popup.offNothing')}</p>;
  if (summary === 'unreachable') return <p class="fc-muted">{i18n.t('popup.notScanned')}</p>;
  if (!summary) return <p class="fc-muted">{i18n.t('popup.loading')}</p>;
  if (!summary.narratives.length) return <p class="fc-muted">{i18n.t('popup.nothingFound')}</p>;
  return (
    <>
      <p class="fc-muted total">{i18n.t('popup.total', [String(summary.total)])}</p>
      <ul class="narratives">
        {summary.narratives.map((n) => (
          <li key={n.id}>
            <button
              type="button"
              class="narrative"
              title={i18n.t('popup.jumpHint')}
              onClick={() => {
                if (tabId === undefined) return;
                setMissing(null);
                sendToTab(tabId, { type: 'jump-to', narrativeId: n.id }).then(
                  (r) => !r?.found && setMissing(n.id),
                  () => setMissing(n.id),
                );
              }}
            >
              <span class="narrative-title">{narratives.find((x) => x.id === n.id)?.title ?? n.title}</span>
              <span class="count">{n.count}</span>
            </button>
            {missing === n.id && <p class="fc-muted small">{i18n.t('popup.jumpFailed')}</p>}
          </li>
        ))}
      </ul>
    </>
  );
}

function MissedTerm({ host, narratives }: { host: string; narratives: { id: string; title: string }[] }) {
  const [term, setTerm] = useState('');
  const [narrativeId, setNarrativeId] = useState('');
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState(false);

  return (
    <details class="missed">
      <summary>{i18n.t('popup.missedTerm')}</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!term.trim()) {
            setError(true);
            return;
          }
          void addReport({
            kind: 'missed-term',
            term: term.trim(),
            narrativeId: narrativeId || null,
            host,
            ...(note.trim() ? { note: note.trim() } : {}),
          }).then(() => {
            setSaved(true);
            setError(false);
            setTerm('');
            setNote('');
            setNarrativeId('');
          });
        }}
      >
        <p class="fc-muted small">{i18n.t('popup.missedTermIntro')}</p>
        <label for="missed-term">{i18n.t('popup.term')}</label>
        <input
          id="missed-term"
          class="fc-input"
          value={term}
          aria-required="true"
          aria-invalid={error}
          aria-describedby={error ? 'missed-term-error' : undefined}
          onInput={(e) => {
            setTerm((e.target as HTMLInputElement).value);
            setSaved(false);
          }}
        />
        {error && (
          <p id="missed-term-error" class="fc-error small">
            {i18n.t('popup.termRequired')}
          </p>
        )}
        <label for="missed-narrative">{i18n.t('popup.narrative')}</label>
        <select
          id="missed-narrative"
          class="fc-select"
          value={narrativeId}
          onChange={(e) => setNarrativeId((e.target as HTMLSelectElement).value)}
        >
          <option value="">{i18n.t('popup.notSure')}</option>
          {narratives.map((n) => (
            <option key={n.id} value={n.id}>
              {n.title}
            </option>
          ))}
        </select>
        <label for="missed-note">{i18n.t('popup.note')}</label>
        <textarea
          id="missed-note"
          class="fc-textarea"
          rows={2}
          value={note}
          onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
        />
        <div class="form-row">
          <button type="submit" class="fc-button primary">
            {i18n.t('popup.saveReport')}
          </button>
          <span role="status" class="fc-muted small">
            {saved ? i18n.t('popup.saved') : ''}
          </span>
        </div>
      </form>
    </details>
  );
}

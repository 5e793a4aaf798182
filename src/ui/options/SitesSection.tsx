import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { displayHost, normalizeHost, type DefaultPolicy, type SiteRule } from '../../storage/hosts';
import type { Settings } from '../../storage/settings';
import type { SettingsStore } from '../../storage/store';
import { Switch } from '../shared/Switch';
import { SearchField } from '../shared/SearchField';

/** Sites: default policy, global pause, and the per-site rules (search, add, change, remove). */
export function SitesSection({ settings, store }: { settings: Settings; store: SettingsStore }) {
  const [query, setQuery] = useState('');
  const [host, setHost] = useState('');
  const [mode, setMode] = useState<'on' | 'off'>('off');
  const [subdomains, setSubdomains] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const save = (rules: SiteRule[]) =>
    store.setRules(rules).catch((err: Error) => setError(err.message || i18n.t('options.sites.saveFailed')));

  const update = (target: string, patch: Partial<SiteRule>) =>
    save(settings.rules.map((r) => (r.host === target ? { ...r, ...patch } : r)));

  const needle = query.trim().toLowerCase();
  const shown = settings.rules
    .filter(
      (r) =>
        !needle ||
        displayHost(r.host).includes(needle) ||
        r.host.includes(needle) ||
        r.host.includes(normalizeHost(needle) ?? '\u0000'),
    )
    .sort((a, b) => a.host.localeCompare(b.host));

  return (
    <section id="sites" aria-labelledby="sites-heading" class="section">
      <h2 id="sites-heading">{i18n.t('options.sites.heading')}</h2>

      <div class="fc-card stack">
        <Switch
          checked={!settings.paused}
          label={i18n.t('options.sites.activeLabel')}
          stateText={settings.paused ? i18n.t('options.sites.pausedText') : i18n.t('options.sites.activeText')}
          onChange={(active) => void store.setPaused(!active)}
        />
        <fieldset class="plain">
          <legend>{i18n.t('options.sites.policy')}</legend>
          {(['all-except-listed', 'only-listed'] as DefaultPolicy[]).map((p) => (
            <label key={p} class="radio">
              <input
                type="radio"
                name="policy"
                value={p}
                checked={settings.policy === p}
                onChange={() => void store.setPreferences({ policy: p })}
              />
              {p === 'all-except-listed' ? i18n.t('options.sites.policyAll') : i18n.t('options.sites.policyListed')}
            </label>
          ))}
        </fieldset>
      </div>

      <form
        class="fc-card add-site"
        onSubmit={(event) => {
          event.preventDefault();
          const key = normalizeHost(host);
          if (!key) {
            setError(i18n.t('options.sites.invalidHost'));
            return;
          }
          setError(null);
          const others = settings.rules.filter((r) => r.host !== key);
          void save([...others, { host: key, mode, includeSubdomains: subdomains }]).then(() => setHost(''));
        }}
      >
        <h3>{i18n.t('options.sites.add')}</h3>
        <div class="row wrap">
          <label class="field grow">
            <span>{i18n.t('options.sites.host')}</span>
            <input
              class="fc-input"
              value={host}
              placeholder="news.example.com"
              aria-invalid={!!error}
              aria-describedby={error ? 'site-error' : undefined}
              onInput={(e) => setHost((e.target as HTMLInputElement).value)}
            />
          </label>
          <label class="field">
            <span>{i18n.t('options.sites.mode')}</span>
            <select
              class="fc-select"
              value={mode}
              onChange={(e) => setMode((e.target as HTMLSelectElement).value as 'on' | 'off')}
            >
              <option value="off">{i18n.t('options.sites.modeOff')}</option>
              <option value="on">{i18n.t('options.sites.modeOn')}</option>
            </select>
          </label>
          <label class="checkbox">
            <input
              type="checkbox"
              checked={subdomains}
              onChange={(e) => setSubdomains((e.target as HTMLInputElement).checked)}
            />
            {i18n.t('options.sites.subdomains')}
          </label>
          <button type="submit" class="fc-button primary">
            {i18n.t('options.sites.addButton')}
          </button>
        </div>
        {error && (
          <p id="site-error" class="fc-error" role="alert">
            {error}
          </p>
        )}
      </form>

      <div class="fc-card stack">
        <SearchField label={i18n.t('options.sites.search')} value={query} onChange={setQuery} />
        {settings.rules.length === 0 ? (
          <p class="fc-muted">{i18n.t('options.sites.empty')}</p>
        ) : (
          <table class="rules">
            <caption class="fc-visually-hidden">{i18n.t('options.sites.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{i18n.t('options.sites.host')}</th>
                <th scope="col">{i18n.t('options.sites.mode')}</th>
                <th scope="col">{i18n.t('options.sites.subdomains')}</th>
                <th scope="col">
                  <span class="fc-visually-hidden">{i18n.t('options.sites.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((rule) => (
                <tr key={rule.host}>
                  <th scope="row" class="host">
                    {displayHost(rule.host)}
                  </th>
                  <td>
                    <select
                      class="fc-select"
                      aria-label={i18n.t('options.sites.modeFor', [displayHost(rule.host)])}
                      value={rule.mode}
                      onChange={(e) =>
                        void update(rule.host, { mode: (e.target as HTMLSelectElement).value as 'on' | 'off' })
                      }
                    >
                      <option value="off">{i18n.t('options.sites.modeOff')}</option>
                      <option value="on">{i18n.t('options.sites.modeOn')}</option>
                    </select>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={i18n.t('options.sites.subdomainsFor', [displayHost(rule.host)])}
                      checked={rule.includeSubdomains}
                      onChange={(e) =>
                        void update(rule.host, { includeSubdomains: (e.target as HTMLInputElement).checked })
                      }
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      class="fc-button danger"
                      aria-label={i18n.t('options.sites.removeFor', [displayHost(rule.host)])}
                      onClick={() => void save(settings.rules.filter((r) => r.host !== rule.host))}
                    >
                      {i18n.t('options.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

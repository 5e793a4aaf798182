import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { i18n } from '#i18n';
import { normalizeHost } from '../../storage/hosts';
import { SettingsSchema, type Settings } from '../../storage/settings';
import type { SettingsStore } from '../../storage/store';
import { downloadText, readFileText } from '../shared/download';

export const SETTINGS_FORMAT = 'factcontext-settings';

export function settingsToJson(settings: Settings): string {
  return `${JSON.stringify({ format: SETTINGS_FORMAT, version: 1, settings }, null, 2)}\n`;
}

/** Parses and validates a settings export; errors name the path of each problem. */
export function parseSettingsJson(text: string): { ok: true; settings: Settings } | { ok: false; errors: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`(root): ${(err as Error).message}`] };
  }
  const envelope = data as { format?: unknown; settings?: unknown } | null;
  if (!envelope || envelope.format !== SETTINGS_FORMAT)
    return { ok: false, errors: [`format: expected "${SETTINGS_FORMAT}"`] };
  const result = v.safeParse(SettingsSchema, envelope.settings);
  if (!result.success) {
    return {
      ok: false,
      errors: result.issues.map((issue) => {
        const path = (issue.path ?? [])
          .map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`))
          .join('');
        return `settings${path}: ${issue.message}`;
      }),
    };
  }
  const settings = result.output as Settings;
  const errors: string[] = [];
  const rules = settings.rules.map((r, i) => {
    const host = normalizeHost(r.host);
    if (!host) errors.push(`settings.rules[${i}].host: not a host name`);
    return { ...r, host: host ?? r.host };
  });
  return errors.length ? { ok: false, errors } : { ok: true, settings: { ...settings, rules } };
}

/** Export, import and reset of every setting. */
export function DataSection({ settings, store }: { settings: Settings; store: SettingsStore }) {
  const [message, setMessage] = useState<{ ok: boolean; lines: string[] } | null>(null);
  const [confirming, setConfirming] = useState(false);
  return (
    <section id="data" aria-labelledby="data-heading" class="section">
      <h2 id="data-heading">{i18n.t('options.data.heading')}</h2>
      <div class="fc-card stack">
        <p class="fc-muted small">{i18n.t('options.data.intro')}</p>
        <div class="row wrap">
          <button
            type="button"
            class="fc-button"
            onClick={() => downloadText('factcontext-settings.json', settingsToJson(settings))}
          >
            {i18n.t('options.data.export')}
          </button>
          <label class="fc-button file-button">
            {i18n.t('options.data.import')}
            <input
              type="file"
              accept="application/json,.json"
              class="fc-visually-hidden"
              onChange={async (e) => {
                const input = e.target as HTMLInputElement;
                const file = input.files?.[0];
                if (!file) return;
                const result = parseSettingsJson(await readFileText(file));
                input.value = '';
                if (!result.ok) {
                  setMessage({ ok: false, lines: result.errors });
                  return;
                }
                try {
                  await store.replace(result.settings);
                  setMessage({ ok: true, lines: [i18n.t('options.data.imported')] });
                } catch (err) {
                  setMessage({ ok: false, lines: [(err as Error).message] });
                }
              }}
            />
          </label>
          {confirming ? (
            <>
              <button
                type="button"
                class="fc-button danger"
                onClick={() => {
                  setConfirming(false);
                  void store.reset().then(() => setMessage({ ok: true, lines: [i18n.t('options.data.resetDone')] }));
                }}
              >
                {i18n.t('options.data.resetConfirm')}
              </button>
              <button type="button" class="fc-button" onClick={() => setConfirming(false)}>
                {i18n.t('options.cancel')}
              </button>
            </>
          ) : (
            <button type="button" class="fc-button danger" onClick={() => setConfirming(true)}>
              {i18n.t('options.data.reset')}
            </button>
          )}
        </div>
        {message &&
          (message.ok ? (
            <p role="status" class="ok">
              {message.lines[0]}
            </p>
          ) : (
            <div role="alert">
              <p class="fc-error">{i18n.t('options.data.importFailed')}</p>
              <ul>
                {message.lines.map((l, i) => (
                  <li key={i}>
                    <code>{l}</code>
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </div>
    </section>
  );
}

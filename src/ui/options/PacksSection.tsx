import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { validatePack, type PackIssue } from '../../core/pack/validate';
import { removeImportedPack, saveImportedPack, type PackEntry } from '../../storage/packs';
import type { Settings } from '../../storage/settings';
import type { SettingsStore } from '../../storage/store';
import { downloadText, readFileText } from '../shared/download';
import { Switch } from '../shared/Switch';

type ImportState =
  { kind: 'idle' } | { kind: 'ok'; title: string; version: string } | { kind: 'error'; issues: PackIssue[] };

/** Validates a pack file's text; a failure lists every issue by path. */
export function checkPackText(
  text: string,
): { ok: true; pack: import('../../core/pack/schema').Pack } | { ok: false; issues: PackIssue[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      issues: [{ path: '', message: `${i18n.t('options.packs.notJson')} ${(err as Error).message}` }],
    };
  }
  return validatePack(data);
}

/** The packs: enable or disable, import (validated), export, remove imported ones. */
export function PacksSection({
  settings,
  store,
  entries,
}: {
  settings: Settings;
  store: SettingsStore;
  entries: PackEntry[];
}) {
  const [state, setState] = useState<ImportState>({ kind: 'idle' });

  return (
    <section id="packs" aria-labelledby="packs-heading" class="section">
      <h2 id="packs-heading">{i18n.t('options.packs.heading')}</h2>
      <p class="fc-muted">{i18n.t('options.packs.intro')}</p>
      <ul class="packs">
        {entries.map(({ pack, bundled, enabled }) => (
          <li key={pack.id} class="fc-card pack">
            <div class="grow">
              <h3>{pack.title}</h3>
              <p class="fc-muted small">
                {i18n.t('options.packs.meta', [pack.version, String(pack.narratives.length)])}
                {' · '}
                {bundled ? i18n.t('options.packs.bundled') : i18n.t('options.packs.imported')}
              </p>
            </div>
            <Switch
              checked={enabled}
              label={i18n.t('options.packs.enableLabel', [pack.title])}
              text={i18n.t('options.packs.use')}
              stateText={enabled ? i18n.t('popup.on') : i18n.t('popup.off')}
              onChange={(on) =>
                void store.setPreferences({
                  disabledPacks: on
                    ? settings.disabledPacks.filter((id) => id !== pack.id)
                    : [...new Set([...settings.disabledPacks, pack.id])],
                })
              }
            />
            <button
              type="button"
              class="fc-button"
              aria-label={i18n.t('options.packs.exportLabel', [pack.title])}
              onClick={() => downloadText(`${pack.id}-${pack.version}.json`, `${JSON.stringify(pack, null, 2)}\n`)}
            >
              {i18n.t('options.export')}
            </button>
            {!bundled && (
              <button
                type="button"
                class="fc-button danger"
                aria-label={i18n.t('options.packs.removeLabel', [pack.title])}
                onClick={() => void removeImportedPack(pack.id)}
              >
                {i18n.t('options.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>

      <div class="fc-card stack">
        <label class="field">
          <span>{i18n.t('options.packs.import')}</span>
          <input
            type="file"
            accept="application/json,.json"
            data-testid="pack-file"
            onChange={async (e) => {
              const input = e.target as HTMLInputElement;
              const file = input.files?.[0];
              if (!file) return;
              const result = checkPackText(await readFileText(file));
              input.value = '';
              if (!result.ok) {
                // The current packs stay as they are.
                setState({ kind: 'error', issues: result.issues });
                return;
              }
              await saveImportedPack(result.pack);
              setState({ kind: 'ok', title: result.pack.title, version: result.pack.version });
            }}
          />
        </label>
        <div role="status" aria-live="polite">
          {state.kind === 'ok' && <p class="ok">{i18n.t('options.packs.importedOk', [state.title, state.version])}</p>}
        </div>
        {state.kind === 'error' && (
          <div role="alert" class="import-errors">
            <p class="fc-error">{i18n.t('options.packs.importFailed')}</p>
            <ul>
              {state.issues.map((issue, i) => (
                <li key={i}>
                  <code>{issue.path || '(root)'}</code>: {issue.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <p class="fc-muted small">{i18n.t('options.packs.applyNote')}</p>
      </div>
    </section>
  );
}

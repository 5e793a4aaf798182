import { i18n } from '#i18n';
import { EVIDENCE_STATUSES } from '../../core/pack/evidence';
import { LANGUAGES, type Language } from '../../core/pack/schema';
import { contrastRatio, DARK_PAGE, LIGHT_PAGE, MIN_UNDERLINE_CONTRAST } from '../../storage/appearance';
import { UNDERLINE_MAX_CHARS } from '../../content/engine/highlight-underlines';
import {
  DEFAULT_COLORS,
  HIGHLIGHT_STYLES,
  HOVER_DELAY_MAX,
  HOVER_DELAY_MIN,
  type HighlightStyle,
  type Settings,
} from '../../storage/settings';
import type { SettingsStore } from '../../storage/store';
import { languageName, statusName } from '../shared/i18n-helpers';

function styleName(style: HighlightStyle): string {
  return style === 'underline'
    ? i18n.t('options.appearance.styleUnderline')
    : style === 'background'
      ? i18n.t('options.appearance.styleBackground')
      : i18n.t('options.appearance.styleBoth');
}

/** Highlight style, colours per evidence status (with their contrast), hover delay. */
export function AppearanceSection({ settings, store }: { settings: Settings; store: SettingsStore }) {
  const { appearance } = settings;
  const set = (patch: Partial<Settings['appearance']>) =>
    void store.setPreferences({ appearance: { ...appearance, ...patch } });

  return (
    <section id="appearance" aria-labelledby="appearance-heading" class="section">
      <h2 id="appearance-heading">{i18n.t('options.appearance.heading')}</h2>
      <div class="fc-card stack">
        <fieldset class="plain">
          <legend>{i18n.t('options.appearance.style')}</legend>
          {HIGHLIGHT_STYLES.map((style) => (
            <label key={style} class="radio">
              <input type="radio" name="style" checked={appearance.style === style} onChange={() => set({ style })} />
              {styleName(style)}
            </label>
          ))}
          {Number.isFinite(UNDERLINE_MAX_CHARS) && (
            <p class="fc-muted small">
              {i18n.t('options.appearance.largePages', [
                UNDERLINE_MAX_CHARS.toLocaleString(),
                i18n.t('options.appearance.styleUnderline'),
              ])}
            </p>
          )}
        </fieldset>

        <fieldset class="plain">
          <legend>{i18n.t('options.appearance.colors')}</legend>
          <p class="fc-muted small">{i18n.t('options.appearance.contrastIntro', [String(MIN_UNDERLINE_CONTRAST)])}</p>
          <ul class="colors">
            {EVIDENCE_STATUSES.map((status) => {
              const color = appearance.colors[status];
              const light = contrastRatio(color, LIGHT_PAGE);
              const dark = contrastRatio(color, DARK_PAGE);
              const ok = light >= MIN_UNDERLINE_CONTRAST;
              const id = `color-${status}`;
              return (
                <li key={status} class="color-row">
                  <input
                    id={id}
                    type="color"
                    // "change" fires once the reader settles on a colour: sync storage limits writes per minute.
                    value={color}
                    onChange={(e) =>
                      set({ colors: { ...appearance.colors, [status]: (e.target as HTMLInputElement).value } })
                    }
                  />
                  <label for={id} class="grow">
                    {statusName(status)}
                  </label>
                  <span class={`contrast ${ok ? 'ok' : 'low'}`}>
                    {ok
                      ? i18n.t('options.appearance.contrastOk', [light.toFixed(1)])
                      : i18n.t('options.appearance.contrastLow', [light.toFixed(1)])}
                  </span>
                  <span class="fc-muted small">{i18n.t('options.appearance.contrastDark', [dark.toFixed(1)])}</span>
                  <span class="swatch" aria-hidden="true">
                    <span style={{ textDecoration: `underline wavy ${color} 2px`, textUnderlineOffset: '3px' }}>
                      Aa
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
          <button type="button" class="fc-button" onClick={() => set({ colors: { ...DEFAULT_COLORS }, style: 'both' })}>
            {i18n.t('options.appearance.resetColors')}
          </button>
        </fieldset>

        <label class="field narrow">
          <span>{i18n.t('options.appearance.hoverDelay')}</span>
          <input
            type="number"
            class="fc-input"
            min={HOVER_DELAY_MIN}
            max={HOVER_DELAY_MAX}
            step={50}
            value={appearance.hoverDelayMs}
            onChange={(e) => {
              const n = Math.round(Number((e.target as HTMLInputElement).value));
              if (Number.isFinite(n)) set({ hoverDelayMs: Math.min(HOVER_DELAY_MAX, Math.max(HOVER_DELAY_MIN, n)) });
            }}
          />
        </label>
      </div>

      <h2 id="languages-heading">{i18n.t('options.languages.heading')}</h2>
      <div class="fc-card">
        <fieldset class="plain" aria-labelledby="languages-heading">
          <p class="fc-muted small">{i18n.t('options.languages.intro')}</p>
          <div class="row wrap">
            {LANGUAGES.map((lang: Language) => (
              <label key={lang} class="checkbox">
                <input
                  type="checkbox"
                  checked={settings.languages.includes(lang)}
                  onChange={(e) => {
                    const on = (e.target as HTMLInputElement).checked;
                    const next = on
                      ? LANGUAGES.filter((l) => l === lang || settings.languages.includes(l))
                      : settings.languages.filter((l) => l !== lang);
                    void store.setPreferences({ languages: next });
                  }}
                />
                {languageName(lang)}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
    </section>
  );
}

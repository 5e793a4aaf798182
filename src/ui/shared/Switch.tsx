export interface SwitchProps {
  checked: boolean;
  /** The accessible name, e.g. "Highlights on www.example.com". */
  label: string;
  /**
   * Visible text on the switch (defaults to the label). It should be part of the label, so that what
   * is seen is what speech input can say (WCAG 2.5.3).
   */
  text?: string;
  /** Visible state beside the switch, e.g. "On" (not part of the name: aria-checked carries the state). */
  stateText?: string;
  disabled?: boolean;
  onChange(checked: boolean): void;
  id?: string;
}

/** An on/off switch: a button with role="switch" and aria-checked. */
export function Switch({ checked, label, text, stateText, disabled, onChange, id }: SwitchProps) {
  return (
    <span class="fc-switch-wrap">
      <button
        type="button"
        id={id}
        class="fc-switch"
        role="switch"
        aria-checked={checked}
        aria-label={label}
        disabled={disabled}
        onClick={() => onChange(!checked)}
      >
        <span class="fc-switch-track" aria-hidden="true" />
        <span>{text ?? label}</span>
      </button>
      {stateText && (
        <span class="fc-switch-state" aria-hidden="true">
          {stateText}
        </span>
      )}
    </span>
  );
}

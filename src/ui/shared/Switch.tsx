export interface SwitchProps {
  checked: boolean;
  /** The accessible name, e.g. "Highlights on www.example.com". */
  label: string;
  /** Visible state text next to the track (defaults to the label). */
  text?: string;
  disabled?: boolean;
  onChange(checked: boolean): void;
  id?: string;
}

/** An on/off switch: a button with role="switch" and aria-checked. */
export function Switch({ checked, label, text, disabled, onChange, id }: SwitchProps) {
  return (
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
      <span aria-hidden="true">{text ?? label}</span>
    </button>
  );
}

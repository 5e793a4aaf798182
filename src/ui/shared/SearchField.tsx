/** A labelled search box, as used by the options page's lists (sites, narratives). */
export function SearchField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <label class="field">
      <span>{label}</span>
      <input
        type="search"
        class="fc-input"
        value={value}
        onInput={(e) => onChange((e.target as HTMLInputElement).value)}
      />
    </label>
  );
}

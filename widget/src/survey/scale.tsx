type Props = {
  min: number;
  max: number;
  value: number | undefined;
  labelledBy: string;
  /** The ends' words, shown under them and part of their names ("0 (Not at all likely)"). */
  low: string;
  high: string;
  rtl: boolean;
  onChange: (v: number) => void;
  onEnter: () => void;
};

/**
 * A rating scale as an ARIA radio group (WAI-ARIA APG): one Tab stop (the chosen value, else the
 * first), an arrow moves from the focused value to its neighbour and selects it, wrapping at the
 * ends (mirrored right-to-left), Home/End jump, Space or Enter selects.
 */
export function Scale({ min, max, value, labelledBy, low, high, rtl, onChange, onEnter }: Props) {
  const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const onKeyDown = (e: KeyboardEvent) => {
    const move = (to: number) => {
      const v = Math.min(max, Math.max(min, to));
      onChange(v);
      ((e.currentTarget as HTMLElement).querySelector(`[data-v="${v}"]`) as HTMLElement | null)?.focus();
    };
    // From the focused value, not the chosen one: an unset scale's first arrow picks a neighbour of
    // what has focus, never a value the customer cannot see coming.
    const current = Number((e.target as HTMLElement).dataset.v ?? value ?? min);
    const up = () => move(current >= max ? min : current + 1);
    const down = () => move(current <= min ? max : current - 1);
    const keys: Record<string, () => void> = {
      [rtl ? 'ArrowLeft' : 'ArrowRight']: up,
      ArrowDown: up,
      [rtl ? 'ArrowRight' : 'ArrowLeft']: down,
      ArrowUp: down,
      Home: () => move(min),
      End: () => move(max),
    };
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]!();
    } else if (
      e.key === 'Enter' &&
      value !== undefined &&
      (e.target as HTMLElement).dataset.v === String(value)
    ) {
      e.preventDefault();
      onEnter();
    }
  };
  return (
    <div>
      <div class="scale" role="radiogroup" aria-labelledby={labelledBy} onKeyDown={onKeyDown}>
        {values.map((v) => (
          // A button, not <input type=radio>: Enter must select (and advance), which native radios do not do.
          // biome-ignore lint/a11y/useSemanticElements: the ARIA radio pattern, implemented in full here
          <button
            type="button"
            role="radio"
            key={v}
            data-v={v}
            aria-checked={value === v}
            tabIndex={value === v || (value === undefined && v === min) ? 0 : -1}
            aria-label={v === min ? `${v} (${low})` : v === max ? `${v} (${high})` : String(v)}
            onClick={() => onChange(v)}
          >
            {v}
          </button>
        ))}
      </div>
      <div class="ends" aria-hidden="true">
        <span>{low}</span>
        <span>{high}</span>
      </div>
    </div>
  );
}

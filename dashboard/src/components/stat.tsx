import type { ComponentChildren } from 'preact';
import { fmtSigned } from '../format.js';

type Change = { change: number; ci95: [number, number]; significant: boolean } | null;

/** A headline figure with its interval, sample size and change against the previous period. */
export function Stat(props: {
  label: string;
  value: string;
  detail?: ComponentChildren;
  change?: Change;
  higherIsBetter?: boolean;
}) {
  const { change } = props;
  const good = change && (props.higherIsBetter === false ? change.change < 0 : change.change > 0);
  return (
    <div class="stat">
      <div class="stat-label">{props.label}</div>
      <div class="stat-value">{props.value}</div>
      {props.detail && <div class="stat-detail">{props.detail}</div>}
      {change && (
        <div class={`stat-change ${change.significant ? (good ? 'up' : 'down') : 'flat'}`}>
          {fmtSigned(change.change)} vs previous period{' '}
          <span class="muted">
            ({change.significant ? 'a real change' : 'within the noise'}: 95% CI {fmtSigned(change.ci95[0])}{' '}
            to {fmtSigned(change.ci95[1])})
          </span>
        </div>
      )}
    </div>
  );
}

/** A horizontal bar for a share 0..1, with its label. */
export function Bar({
  value,
  tone = 'brand',
  label,
}: {
  value: number | null;
  tone?: string;
  label: string;
}) {
  const pct = value == null ? 0 : Math.max(0, Math.min(1, value)) * 100;
  return (
    <div class="bar" role="img" aria-label={label}>
      <div class={`bar-fill ${tone}`} style={{ width: `${pct}%` }} />
    </div>
  );
}

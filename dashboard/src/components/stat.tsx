import type { ComponentChildren } from 'preact';
import { fmtSigned } from '../format.js';

type Change = { change: number; ci95: [number, number]; significant: boolean } | null;

/** A headline figure with its interval, sample size and change against the previous period. */
export function Stat(props: {
  label: string;
  value: string;
  detail?: ComponentChildren;
  /** The change against the previous period; null when that period has no score to compare with. */
  change?: Change;
  /** Fewer answers than the site's minimum sample: the figure is shown, marked as not to be trusted. */
  tooFew?: { n: number; minN: number };
}) {
  const { change, tooFew } = props;
  // Every metric reads higher-is-better (CES 2.0 included: higher is easier).
  const good = change && change.change > 0;
  return (
    <div class="stat">
      <div class="stat-label">{props.label}</div>
      <div class={tooFew ? 'stat-value muted' : 'stat-value'}>{props.value}</div>
      {tooFew && (
        <div class="stat-warning">
          Too few answers to trust: {tooFew.n} of the {tooFew.minN} this site asks for.
        </div>
      )}
      {props.detail && <div class="stat-detail">{props.detail}</div>}
      {change === null && (
        <div class="stat-change flat muted">No answers in the period before to compare with.</div>
      )}
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

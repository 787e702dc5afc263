import { fmtDate } from '../format.js';

/**
 * A small score-over-time line (SVG) on its scale: the scale's top and bottom drawn as faint
 * lines and labelled beside it, the first and last answers' dates under it, so a reader can tell
 * a 3 from a 9. Told in words for screen readers: the scale, the dates and every point.
 */
export function Sparkline({
  points,
  min,
  max,
  label,
}: {
  points: { at: string; value: number }[];
  min: number;
  max: number;
  label: string;
}) {
  const w = 240;
  const h = 48;
  if (!points.length) return null;
  const t0 = Date.parse(points[0]!.at);
  const span = Math.max(1, Date.parse(points.at(-1)!.at) - t0);
  const y = (v: number) => 4 + (1 - (v - min) / (max - min)) * (h - 8);
  const xy = points.map((p) => [
    points.length === 1 ? w / 2 : 4 + ((Date.parse(p.at) - t0) / span) * (w - 8),
    y(p.value),
  ]);
  const first = fmtDate(points[0]!.at);
  const last = fmtDate(points.at(-1)!.at);
  const when = points.length === 1 ? `on ${first}` : `from ${first} to ${last}`;
  return (
    <figure
      class="spark"
      role="img"
      aria-label={`${label}, on a scale of ${min} to ${max}: ${points.length} answer${
        points.length === 1 ? '' : 's'
      } ${when}, oldest first: ${points.map((p) => p.value).join(', ')}`}
    >
      <span class="spark-scale" aria-hidden="true">
        <span>{max}</span>
        <span>{min}</span>
      </span>
      <svg class="sparkline" viewBox={`0 0 ${w} ${h}`} aria-hidden="true">
        <line class="spark-edge" x1="0" x2={w} y1={y(max)} y2={y(max)} />
        <line class="spark-edge" x1="0" x2={w} y1={y(min)} y2={y(min)} />
        <polyline points={xy.map((p) => p.join(',')).join(' ')} fill="none" />
        {xy.map(([x, yy], i) => (
          <circle key={points[i]!.at} cx={x} cy={yy} r="3" />
        ))}
      </svg>
      <span class="spark-dates" aria-hidden="true">
        <span>{first}</span>
        {points.length > 1 && <span>{last}</span>}
      </span>
    </figure>
  );
}

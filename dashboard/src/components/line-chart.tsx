import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fmt, fmtCi, fmtDate } from '../format.js';
import { describePeriod, partialFirst, periodEnd, scoreAxisRange } from '../periods.js';

export { describePeriod };

export type ChartPoint = {
  start: string;
  score: number | null;
  ci95: [number, number] | null;
  n: number;
  /** Fewer answers than the site's minimum sample. */
  insufficient?: boolean;
};

/**
 * A score over time (uPlot) with its 95% interval as a band. Hovering a point tells its value,
 * interval, n and period; a period not over yet, and a first one that holds only part of its days
 * (the chosen period or the answers start mid-week), are drawn apart (dashed, hollow) and said so. A
 * table of the same numbers sits beside it for screen readers: a canvas says nothing by itself.
 */
export function LineChart({
  points,
  label,
  digits,
  unit,
  interval,
  periodFrom,
  firstAnswer,
  now = Date.now(),
}: {
  points: ChartPoint[];
  label: string;
  digits: number;
  /** Shown after each value: '%' for CSAT, ' points' for NPS, '' for a mean. */
  unit: string;
  interval: 'week' | 'month';
  /** The chosen period's first day, and the day of its first answer (when known). */
  periodFrom?: string;
  firstAnswer?: string;
  now?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const last = points.length - 1;
  const unfinished = last >= 0 && periodEnd(points[last]!.start, interval) >= now;
  const partial = periodFrom ? partialFirst(points, interval, periodFrom, firstAnswer) : undefined;
  // The partial first period is drawn apart only when a finished one follows it.
  const head = partial && partial.index < last - (unfinished ? 1 : 0) ? partial.index : -1;
  // Points on fewer answers than the site's minimum sample (the API marks them `insufficient`).
  const thinPoints = points.filter((x) => x.insufficient && x.n > 0);
  const thin = thinPoints.length;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = points.map((p) => Date.parse(p.start) / 1000);
    const score = points.map((p) => p.score);
    // The finished periods as one line; the unfinished one joined to it by a dashed segment.
    // Likewise the partial first one, joined to the next by a dashed segment.
    const done = score.map((s, i) => ((unfinished && i === last) || i === head ? null : s));
    const open = score.map((s, i) => (unfinished && score[last] != null && i >= last - 1 ? s : null));
    const first = score.map((s, i) => (head >= 0 && (i === head || i === head + 1) ? s : null));
    const data: uPlot.AlignedData = [
      xs,
      done,
      points.map((p) => p.ci95?.[0] ?? null),
      points.map((p) => p.ci95?.[1] ?? null),
      open,
      first,
    ];
    const brand = getComputedStyle(el).getPropertyValue('--brand').trim() || '#4f46e5';
    // One tick a period, thinned to one per 80 px of width so labels never overlap (four on a phone).
    const width = Math.max(260, el.clientWidth);
    const every = Math.max(1, Math.ceil(xs.length / Math.max(2, Math.floor(width / 80))));
    const ticks = xs.filter((_, i) => i % every === 0);
    const tickLabel = (t: number) =>
      new Date(t * 1000).toLocaleDateString('en-GB', {
        day: interval === 'week' ? 'numeric' : undefined,
        month: 'short',
        year: interval === 'month' ? '2-digit' : undefined,
        timeZone: 'UTC',
      });
    const plot = new uPlot(
      {
        width,
        height: 260,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true },
          // A thin period's point may fall outside: its value is in the table and the hover.
          y: { range: (_u, min, max) => scoreAxisRange(points) ?? [min, max] },
        },
        axes: [
          { splits: () => ticks, values: (_u, vals) => vals.map(tickLabel) },
          { values: (_u, vals) => vals.map((v) => `${fmt(v, digits)}${unit.trim() === '%' ? '%' : ''}`) },
        ],
        series: [
          {},
          // Finished periods' points filled (uPlot's default fill is the background, which reads as
          // hollow: the mark of the unfinished period).
          { label, stroke: brand, width: 2, points: { show: true, size: 6, fill: brand }, spanGaps: true },
          { label: 'low', stroke: 'transparent', points: { show: false } },
          { label: 'high', stroke: 'transparent', points: { show: false } },
          {
            label: `${label} so far`,
            stroke: brand,
            width: 2,
            dash: [5, 5],
            // Only the unfinished period's own point is hollow; the one before stays a finished point.
            points: { show: true, size: 7, fill: '#fff', filter: () => [last] },
          },
          {
            label: `${label}, first ${interval} in part`,
            stroke: brand,
            width: 2,
            dash: [5, 5],
            points: { show: true, size: 7, fill: '#fff', filter: () => (head >= 0 ? [head] : null) },
          },
        ],
        bands: [{ series: [3, 2], fill: `${brand}22` }],
        hooks: { setCursor: [(u) => setHover(u.cursor.idx ?? null)] },
      },
      data,
      el,
    );
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(260, el.clientWidth), height: 260 }));
    ro.observe(el);
    plotRef.current = plot;
    return () => {
      ro.disconnect();
      plotRef.current = null;
      plot.destroy();
    };
  }, [points, label, digits, unit, interval, unfinished, last, head]);
  const p = hover == null ? undefined : points[hover];
  return (
    <figure class="chart">
      {/* Focusable: the arrow keys move from period to period, as pointing does (its table is for screen readers). */}
      <div
        ref={box}
        class="chart-plot"
        role="img"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard reads the chart's periods with the arrow keys (WCAG 2.1.1)
        tabIndex={0}
        aria-label={`${label} by ${interval} with its 95% interval`}
        onKeyDown={(e) => {
          const plot = plotRef.current;
          const keys: Record<string, number> = {
            ArrowLeft: -1,
            ArrowRight: 1,
            Home: -Infinity,
            End: Infinity,
          };
          if (!plot || !(e.key in keys) || !points.length) return;
          e.preventDefault();
          const step = keys[e.key]!;
          const from = hover ?? (step > 0 ? -1 : points.length);
          const i = Math.min(
            points.length - 1,
            Math.max(0, Number.isFinite(step) ? from + step : step > 0 ? last : 0),
          );
          const pt = points[i]!;
          plot.setCursor({
            left: plot.valToPos(Date.parse(pt.start) / 1000, 'x'),
            top: pt.score == null ? 0 : plot.valToPos(pt.score, 'y'),
          });
          setHover(i);
        }}
      />
      <p class="chart-tip small" aria-hidden="true">
        {p ? (
          <>
            <strong>{describePeriod(p.start, interval)}</strong>
            {unfinished && hover === last ? ' (not over yet: the score so far)' : ''}
            {partial && hover === partial.index ? ` (partial: from ${fmtDate(partial.from)})` : ''}: {label}{' '}
            {p.score == null ? 'no answers' : `${fmt(p.score, digits)}${unit}`}
            {p.ci95 ? `, 95% CI ${fmtCi(p.ci95, digits, 1, unit)}` : ''}, n = {fmt(p.n)}
            {p.insufficient && p.n > 0 ? ' (too few answers to trust)' : ''}
          </>
        ) : (
          'Point at the chart (or focus it and use the arrow keys) to read a period’s value, interval and n.'
        )}
      </p>
      {thin > 0 && (
        <figcaption class="muted small">
          {thin === points.filter((x) => x.n > 0).length
            ? `Every ${interval} has fewer answers than this site asks for a score to be trusted: read the line with its wide band in mind, or choose a longer interval.`
            : `${thin} ${interval}${thin === 1 ? ' has' : 's have'} fewer answers than this site asks for a score to be trusted: ${
                thin <= 4
                  ? thinPoints.map((x) => describePeriod(x.start, interval)).join(', ')
                  : 'point at the chart to see which'
              }.`}
        </figcaption>
      )}
      {partial && (
        <figcaption class="muted small" data-testid="partial-first">
          {`The first ${interval}, ${
            interval === 'week'
              ? `the week of ${fmtDate(points[partial.index]!.start)}`
              : describePeriod(points[partial.index]!.start, interval)
          }, is partial: ${partial.reason === 'data' ? 'the answers start' : 'the period starts'} on ${fmtDate(
            partial.from,
          )}, so it holds ${partial.days} of its ${partial.of} days${
            head >= 0 ? ' (its point hollow, joined by a dashed line)' : ''
          }.`}
        </figcaption>
      )}
      {unfinished && points[last]!.score != null && (
        <figcaption class="muted small">
          The last {interval} ({describePeriod(points[last]!.start, interval)}) is not over: its hollow point
          is the score so far.
        </figcaption>
      )}
      {/* Hidden in a box: a table ignores a 1 px width and would widen the page. */}
      <div class="sr-only">
        <table>
          <caption>
            {label} by {interval}
          </caption>
          <thead>
            <tr>
              <th>Period</th>
              <th>{label}</th>
              <th>95% interval</th>
              <th>n</th>
            </tr>
          </thead>
          <tbody>
            {points.map((pt, i) => (
              <tr key={pt.start}>
                <td>
                  {describePeriod(pt.start, interval)}
                  {unfinished && i === last ? ' (not over yet)' : ''}
                  {partial && i === partial.index ? ` (partial: from ${fmtDate(partial.from)})` : ''}
                </td>
                <td>{pt.score == null ? '–' : `${fmt(pt.score, digits)}${unit}`}</td>
                <td>{fmtCi(pt.ci95, digits)}</td>
                <td>{pt.n}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

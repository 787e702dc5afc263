import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fmt, fmtDate } from '../format.js';

export type ChartPoint = { start: string; score: number | null; ci95: [number, number] | null; n: number };

/**
 * A score over time (uPlot) with its 95% interval as a band. A table of the same numbers sits
 * beside it for screen readers: a canvas says nothing by itself.
 */
export function LineChart({
  points,
  label,
  digits,
}: {
  points: ChartPoint[];
  label: string;
  digits: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const xs = points.map((p) => Date.parse(p.start) / 1000);
    const data: uPlot.AlignedData = [
      xs,
      points.map((p) => p.score),
      points.map((p) => p.ci95?.[0] ?? null),
      points.map((p) => p.ci95?.[1] ?? null),
    ];
    const brand = getComputedStyle(el).getPropertyValue('--brand').trim() || '#4f46e5';
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: 260,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [{}, { values: (_u, vals) => vals.map((v) => fmt(v, digits)) }],
        series: [
          {},
          { label, stroke: brand, width: 2, points: { show: true, size: 5 }, spanGaps: true },
          { label: 'low', stroke: 'transparent', points: { show: false } },
          { label: 'high', stroke: 'transparent', points: { show: false } },
        ],
        bands: [{ series: [3, 2], fill: `${brand}22` }],
      },
      data,
      el,
    );
    const ro = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height: 260 }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.destroy();
    };
  }, [points, label, digits]);
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={`${label} over time with its 95% interval`} />
      <table class="sr-only">
        <caption>{label} over time</caption>
        <thead>
          <tr>
            <th>Period starting</th>
            <th>{label}</th>
            <th>n</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.start}>
              <td>{fmtDate(p.start)}</td>
              <td>{fmt(p.score, digits)}</td>
              <td>{p.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

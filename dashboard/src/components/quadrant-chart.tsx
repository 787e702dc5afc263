import type { Drivers } from '@moments/shared';
import { fmt, fmtPct, humanize } from '../format.js';

const W = 520;
const H = 360;
const PAD = 48;
/** Above the plot: no axis there, only room for the top dots' halos. */
const TOP = 14;

/**
 * Importance (share of the explained variance) against performance (mean, scaled 0..1), split at
 * the drivers' averages into the four quadrants the report names.
 */
export function QuadrantChart({ drivers }: { drivers: Drivers['drivers'] }) {
  const pts = drivers
    .filter((d) => d.share != null && d.mean != null)
    .map((d) => ({ ...d, x: d.share!, y: (d.mean! - 1) / (d.scale - 1) }));
  if (!pts.length) return null;
  const maxX = Math.max(...pts.map((p) => p.x)) * 1.15 || 1;
  const avgX = pts.reduce((s, p) => s + p.x, 0) / pts.length;
  const avgY = pts.reduce((s, p) => s + p.y, 0) / pts.length;
  const sx = (x: number) => PAD + (x / maxX) * (W - 2 * PAD);
  const sy = (y: number) => H - PAD - y * (H - PAD - TOP);
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        class="quadrant"
        role="img"
        aria-label={`Drivers by importance and performance: ${pts.map((p) => `${humanize(p.driver)} ${p.quadrant ?? 'on an average line'}`).join(', ')}`}
      >
        <rect x={sx(avgX)} y={TOP} width={W - PAD - sx(avgX)} height={sy(avgY) - TOP} class="q-keep" />
        <rect
          x={sx(avgX)}
          y={sy(avgY)}
          width={W - PAD - sx(avgX)}
          height={H - PAD - sy(avgY)}
          class="q-fix"
        />
        <rect x={PAD} y={sy(avgY)} width={sx(avgX) - PAD} height={H - PAD - sy(avgY)} class="q-watch" />
        <rect x={PAD} y={TOP} width={sx(avgX) - PAD} height={sy(avgY) - TOP} class="q-over" />
        <text x={W - PAD - 6} y={TOP + 16} class="q-label" text-anchor="end">
          Keep up
        </text>
        <text x={W - PAD - 6} y={H - PAD - 8} class="q-label" text-anchor="end">
          Fix first
        </text>
        <text x={PAD + 6} y={H - PAD - 8} class="q-label">
          Watch
        </text>
        <text x={PAD + 6} y={TOP + 16} class="q-label">
          Over-invested
        </text>
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} class="axis" />
        <line x1={PAD} y1={TOP} x2={PAD} y2={H - PAD} class="axis" />
        <text x={W / 2} y={H - 12} class="axis-label" text-anchor="middle">
          Importance: share of what the drivers explain →
        </text>
        <text
          x={14}
          y={(H - PAD + TOP) / 2}
          class="axis-label"
          text-anchor="middle"
          transform={`rotate(-90 14 ${(H - PAD + TOP) / 2})`}
        >
          Performance (mean) →
        </text>
        {pts.map((p) => (
          <g key={p.driver}>
            <circle
              cx={sx(p.x)}
              cy={sy(p.y)}
              r={7}
              class={`dot ${p.quadrant?.replace(' ', '-') ?? 'on-line'}`}
            />
            <text
              x={sx(p.x) + (p.x > maxX / 2 ? -11 : 11)}
              y={sy(p.y) + 4}
              class="dot-label"
              text-anchor={p.x > maxX / 2 ? 'end' : 'start'}
            >
              {humanize(p.driver)} ({fmtPct(p.x)}, {fmt(p.mean, 2)})
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** A small score-over-time line (SVG), its points also told in words for screen readers. */
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
  const xy = points.map((p) => [
    points.length === 1 ? w / 2 : 4 + ((Date.parse(p.at) - t0) / span) * (w - 8),
    4 + (1 - (p.value - min) / (max - min)) * (h - 8),
  ]);
  return (
    <svg
      class="sparkline"
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={`${label}: ${points.map((p) => p.value).join(', ')}, oldest first`}
    >
      <polyline points={xy.map((p) => p.join(',')).join(' ')} fill="none" />
      {xy.map(([x, y], i) => (
        <circle key={points[i]!.at} cx={x} cy={y} r="3" />
      ))}
    </svg>
  );
}

/** Where a driver sits against the drivers' average on one axis. */
export type DriverSide = 'above' | 'average' | 'below';
export type DriverQuadrant = 'fix first' | 'keep up' | 'watch' | 'over-invested';

/**
 * How near the average a driver may sit and still be on its line: a tenth of the average share of
 * R² (30% to 37% when three drivers share it), and 2.5% of the rating scale for the mean (0.1 of
 * a point on 1 to 5). Nearer than that, above or below says nothing: the next month's answers
 * could put it on the other side.
 */
export const DRIVER_ON_AVERAGE = { share: 0.1, scale: 0.025 } as const;

const side = (x: number, average: number, within: number): DriverSide =>
  Math.abs(x - average) <= within ? 'average' : x > average ? 'above' : 'below';

/**
 * A driver's place: its share of R² against the average share (1 / drivers) and its performance
 * (mean scaled 0 to 1) against the drivers' average performance; the quadrant only where it is
 * clearly off both lines (null on a line: no direction to claim).
 */
export function placeDriver(
  share: number,
  drivers: number,
  performance: number,
  averagePerformance: number,
): { position: { importance: DriverSide; performance: DriverSide }; quadrant: DriverQuadrant | null } {
  const averageShare = 1 / drivers;
  const importance = side(share, averageShare, DRIVER_ON_AVERAGE.share * averageShare);
  const perf = side(performance, averagePerformance, DRIVER_ON_AVERAGE.scale);
  const quadrant =
    importance === 'average' || perf === 'average'
      ? null
      : importance === 'above'
        ? perf === 'above'
          ? 'keep up'
          : 'fix first'
        : perf === 'above'
          ? 'over-invested'
          : 'watch';
  return { position: { importance, performance: perf }, quadrant };
}

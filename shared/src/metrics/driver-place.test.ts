import { describe, expect, it } from 'vitest';
import { placeDriver } from './driver-place.js';

describe('placeDriver', () => {
  it('claims no quadrant for a driver on an average line, exactly or within its margin', () => {
    // Exactly at the average share (a third of three) and the average performance.
    expect(placeDriver(1 / 3, 3, 0.5, 0.5)).toEqual({
      position: { importance: 'average', performance: 'average' },
      quadrant: null,
    });
    // 32% against 33%: on the importance line, whatever its score.
    expect(placeDriver(0.32, 3, 0.62, 0.57)).toEqual({
      position: { importance: 'average', performance: 'above' },
      quadrant: null,
    });
    // Clearly important, its mean 0.02 of the scale above the average: on the performance line.
    expect(placeDriver(0.6, 3, 0.52, 0.5).quadrant).toBeNull();
    // One driver is its own average.
    expect(placeDriver(1, 1, 0.8, 0.8).quadrant).toBeNull();
  });

  it('names the quadrant of a driver clearly off both lines', () => {
    expect(placeDriver(0.62, 3, 0.47, 0.57).quadrant).toBe('fix first');
    expect(placeDriver(0.62, 3, 0.7, 0.57).quadrant).toBe('keep up');
    expect(placeDriver(0.06, 3, 0.64, 0.57).quadrant).toBe('over-invested');
    expect(placeDriver(0.06, 3, 0.4, 0.57).quadrant).toBe('watch');
    // Just past the margins (a tenth of the share, 2.5% of the scale).
    expect(placeDriver(0.37, 3, 0.53, 0.5)).toEqual({
      position: { importance: 'above', performance: 'above' },
      quadrant: 'keep up',
    });
  });
});

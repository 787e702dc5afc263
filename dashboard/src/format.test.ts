import { describe, expect, it } from 'vitest';
import { fmt, fmtCi, fmtLastDay, fmtMoney, fmtPct } from './format.js';

describe('number formatting', () => {
  it('writes negatives with the one minus sign, and never −0', () => {
    expect(fmt(-12)).toBe('−12');
    expect(fmt(-0.004, 2)).toBe('0.00');
    expect(fmtCi([-5, 10])).toBe('−5 to 10');
    // A unit follows the interval, never "no interval" (it read "no interval%").
    expect(fmtCi([0.12, 0.3], 0, 100, '%')).toBe('12 to 30%');
    expect(fmtCi(null, 0, 100, '%')).toBe('no interval');
    expect(fmtMoney(-1200, 'EUR')).toBe('−€1,200');
  });
  it('gives whole percentages by default', () => {
    expect(fmtPct(0.3804)).toBe('38%');
  });
});

describe('period ends', () => {
  it('name the last day included, not the next midnight the API gives', () => {
    expect(fmtLastDay('2026-12-01T00:00:00.000Z')).toBe('30 Nov 2026');
  });
});

import { describe, expect, it } from 'vitest';
import { describePeriod, partialFirst, scoreAxisRange } from './periods.js';

const week = (start: string, n = 10) => ({ start: `${start}T00:00:00.000Z`, n });

describe('partialFirst', () => {
  it('flags a first week the chosen period starts in the middle of', () => {
    // 2 Sep 2026 is a Wednesday: the week of Monday 31 Aug holds 5 of its 7 days.
    const points = [week('2026-08-31'), week('2026-09-07')];
    expect(partialFirst(points, 'week', '2026-09-02')).toEqual({
      index: 0,
      from: '2026-09-02',
      reason: 'period',
      days: 5,
      of: 7,
    });
  });

  it('flags the first week with answers when the answers start mid-week, after the period', () => {
    const points = [week('2026-05-25', 0), week('2026-06-01', 0), week('2026-06-08'), week('2026-06-15')];
    expect(partialFirst(points, 'week', '2025-12-01', '2026-06-10T00:00:00.000Z')).toEqual({
      index: 2,
      from: '2026-06-10',
      reason: 'data',
      days: 5,
      of: 7,
    });
  });

  it('flags a first month started on its 2nd, and no period that starts on its first day', () => {
    const months = [week('2026-09-01'), week('2026-10-01')];
    expect(partialFirst(months, 'month', '2026-09-02')).toMatchObject({ index: 0, days: 29, of: 30 });
    expect(partialFirst(months, 'month', '2026-09-01')).toBeUndefined();
    expect(partialFirst([week('2026-08-31')], 'week', '2026-08-31')).toBeUndefined();
    expect(partialFirst([week('2026-08-31', 0)], 'week', '2026-09-02')).toBeUndefined();
  });
});

describe('describePeriod', () => {
  it('names a week by its first and last days, a month by its name', () => {
    expect(describePeriod('2026-08-31T00:00:00.000Z', 'week')).toBe('Week of 31 Aug 2026 (to 6 Sept 2026)');
    expect(describePeriod('2026-09-01T00:00:00.000Z', 'month')).toBe('September 2026');
  });
});

describe('scoreAxisRange', () => {
  const p = (score: number | null, ci95: [number, number] | null, insufficient = false) => ({
    score,
    ci95,
    insufficient,
  });
  it('spans the periods with enough answers, so one thin period does not flatten them', () => {
    // NPS between -5 and 25 over weeks with enough answers; this week one answer, NPS 100.
    const range = scoreAxisRange([
      p(-5, [-15, 5]),
      p(25, [15, 35]),
      p(10, [0, 20]),
      p(100, [-100, 100], true),
    ]);
    expect(range).toEqual([-20, 40]);
  });
  it('falls back to every point when none has enough, and says nothing of an empty chart', () => {
    expect(scoreAxisRange([p(50, null, true), p(70, null, true)])).toEqual([48, 72]);
    expect(scoreAxisRange([p(null, null)])).toBeNull();
  });
});

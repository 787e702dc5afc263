import { describe, expect, it } from 'vitest';
import {
  answeredAny,
  fmt,
  fmtAge,
  fmtCi,
  fmtLastDay,
  fmtMoney,
  fmtPct,
  questionTypeLabel,
  riskClass,
  riskDetail,
  riskLabel,
} from './format.js';

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
    // Some, but under half a percent: not "0%"; nearly all: not "100%".
    expect(fmtPct(3 / 800)).toBe('<1%');
    expect(fmtPct(0)).toBe('0%');
    expect(fmtPct(797 / 800)).toBe('>99%');
    expect(fmtPct(1)).toBe('100%');
    expect(fmtPct(0.0004, 1)).toBe('<0.1%');
  });
});

describe('period ends', () => {
  it('name the last day included, not the next midnight the API gives', () => {
    expect(fmtLastDay('2026-12-01T00:00:00.000Z')).toBe('30 Nov 2026');
  });
});

describe('how long ago', () => {
  // Local times: each holds in whatever time zone the test runs.
  const at = (...p: [number, number, number, number, number]) => new Date(...p);
  it('counts calendar days where the viewer is, not 24-hour blocks', () => {
    const now = at(2026, 2, 12, 0, 10).getTime();
    expect(fmtAge(at(2026, 2, 12, 0, 1).toISOString(), now)).toBe('today');
    expect(fmtAge(at(2026, 2, 11, 23, 50).toISOString(), now)).toBe('yesterday');
    expect(fmtAge(at(2026, 2, 10, 23, 50).toISOString(), now)).toBe('2 days ago');
    // 33 hours earlier, the day before yesterday on the calendar (it read "yesterday").
    const morning = at(2026, 2, 12, 8, 0).getTime();
    expect(fmtAge(at(2026, 2, 10, 23, 0).toISOString(), morning)).toBe('2 days ago');
    expect(fmtAge(at(2026, 2, 11, 0, 0).toISOString(), morning)).toBe('yesterday');
    expect(fmtAge(at(2026, 1, 20, 12, 0).toISOString(), morning)).toBe('20 days ago');
  });
  it('stays whole across a change of clocks, and reads a time a little ahead as today', () => {
    // Europe and the US move their clocks in late March: a day there is 23 hours long.
    expect(fmtAge(at(2026, 2, 28, 23, 30).toISOString(), at(2026, 2, 30, 0, 30).getTime())).toBe(
      '2 days ago',
    );
    expect(fmtAge(at(2026, 9, 24, 12, 0).toISOString(), at(2026, 10, 3, 12, 0).getTime())).toBe(
      '10 days ago',
    );
    expect(fmtAge(at(2026, 2, 12, 9, 0).toISOString(), at(2026, 2, 12, 8, 0).getTime())).toBe('today');
  });
  it("uses the viewer's time zone: the same two instants are a day apart in New York, not in UTC", () => {
    const saved = process.env.TZ;
    try {
      const opened = '2026-03-10T03:00:00Z';
      const now = Date.parse('2026-03-10T15:00:00Z');
      process.env.TZ = 'UTC';
      expect(fmtAge(opened, now)).toBe('today');
      process.env.TZ = 'America/New_York';
      expect(fmtAge(opened, now)).toBe('yesterday');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('riskLabel', () => {
  it('calls a customer who has left churned, not at risk', () => {
    expect(riskLabel({ level: 'high', reasons: ['detractor (NPS 3)', 'churned'] })).toBe('Churned');
    expect(riskLabel({ level: 'high', reasons: ['detractor (NPS 3)'] })).toBe('At risk');
    expect(riskLabel({ level: 'watch', reasons: ['NPS fell from 9 to 7'] })).toBe('Watch');
    expect(riskLabel({ level: 'none', reasons: [] })).toBe('No risk seen');
    // Never answered: nothing is known, which is not the same as no risk.
    expect(riskLabel({ level: 'none', reasons: [] }, false)).toBe('No answers yet');
    expect(riskClass({ level: 'none' }, false)).toBe('neutral');
    expect(riskClass({ level: 'none' }, true)).toBe('positive');
    expect(riskLabel({ level: 'high', reasons: ['churned'] }, false)).toBe('Churned');
    expect(answeredAny({ nps: null, csat: null, ces: null })).toBe(false);
    expect(answeredAny({ nps: { value: 9 }, csat: null, ces: null })).toBe(true);
  });
});

describe('riskDetail', () => {
  it('does not repeat what the pill says: a churned customer reads "Churned on <date>", never "Churned churned"', () => {
    const churned = { level: 'high' as const, reasons: ['detractor (NPS 3)', 'churned'] };
    expect(`${riskLabel(churned)} ${riskDetail(churned, '2026-10-03T10:00:00Z')}`).toBe(
      'Churned on 3 Oct 2026; detractor (NPS 3)',
    );
    expect(riskDetail({ level: 'high', reasons: ['churned'] }, '2026-10-03T10:00:00Z')).toBe('on 3 Oct 2026');
    expect(riskDetail({ level: 'high', reasons: ['churned'] })).toBe('');
    expect(riskDetail({ level: 'watch', reasons: ['NPS fell from 9 to 7'] })).toBe('NPS fell from 9 to 7');
  });
});

describe('questionTypeLabel', () => {
  it('names each question type in words, the metrics by their acronyms, never a code in capitals', () => {
    expect(['nps', 'csat', 'ces', 'rating', 'choice', 'text'].map(questionTypeLabel)).toEqual([
      'NPS',
      'CSAT',
      'CES',
      'Rating',
      'Multiple choice',
      'Comment',
    ]);
    // A type this dashboard does not know yet (a newer server) still reads as words.
    expect(questionTypeLabel('date_picker')).toBe('Date picker');
  });
});

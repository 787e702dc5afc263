import type { Lookup } from '@moments/shared';
import { describe, expect, it } from 'vitest';
import { applyStreamEvents } from './live-apply.js';

const base: Lookup = {
  customer: {
    id: 'ann',
    email: 'ann@acme.test',
    name: 'Ann',
    account: null,
    plan: 'Pro',
    mrr: 100,
    currency: 'EUR',
    churnedAt: null,
    owner: null,
    siteId: 's1',
    lifetimeValue: null,
  },
  latest: { nps: { value: 9, at: '2026-01-01T00:00:00.000Z' }, csat: null, ces: null },
  history: [{ metric: 'nps', value: 9, at: '2026-01-01T00:00:00.000Z', moment: 'checkout' }],
  moments: [
    {
      moment: 'checkout',
      nps: 9,
      csat: null,
      ces: null,
      at: '2026-01-01T00:00:00.000Z',
      answered: true,
      reachedAt: '2026-01-01T00:00:00.000Z',
    },
    {
      moment: 'cancel_started',
      nps: null,
      csat: null,
      ces: null,
      at: '2025-12-30T00:00:00.000Z',
      answered: false,
      reachedAt: '2025-12-30T00:00:00.000Z',
    },
  ],
  comments: [],
  followups: [],
  risk: { level: 'none', reasons: [] },
};
const at = '2026-01-02T00:00:00.000Z';
const ids = { customerId: 'ann', siteId: 's1' };

describe('applyStreamEvents', () => {
  it('applies a burst (response, summary, follow-up) without another lookup', () => {
    const next = applyStreamEvents(base, [
      {
        type: 'response',
        ...ids,
        responseId: 'r2',
        surveyId: 'nps',
        moment: 'checkout',
        createdAt: at,
        answers: [
          { questionId: 'nps', value: 2 },
          { questionId: 'why', value: 'Parcel lost' },
        ],
      },
      {
        type: 'summary',
        ...ids,
        latest: { nps: { value: 2, at }, csat: null, ces: null },
        risk: { level: 'high', reasons: ['detractor'] },
      },
      { type: 'followup', ...ids, id: 'f1', status: 'open', reason: 'detractor', openedAt: at },
      {
        type: 'followup',
        ...ids,
        id: 'f2',
        status: 'in_progress',
        reason: 'CES 2',
        openedAt: at,
        note: 'Called',
      },
    ]);
    expect(next.latest.nps).toEqual({ value: 2, at });
    expect(next.history.map((h) => h.value)).toEqual([9, 2]);
    expect(next.moments[0]).toMatchObject({ moment: 'checkout', nps: 2 });
    expect(next.comments[0]).toMatchObject({ text: 'Parcel lost', at });
    expect(next.followups).toEqual([
      { id: 'f1', status: 'open', reason: 'detractor', openedAt: at, assignee: null, note: null },
      { id: 'f2', status: 'in_progress', reason: 'CES 2', openedAt: at, assignee: null, note: 'Called' },
    ]);
    expect(next.risk.level).toBe('high');
    expect(base.history).toHaveLength(1); // the cached lookup itself is left alone
  });

  it('marks a moment reached before as answered once a response comes from it, a score or not', () => {
    const next = applyStreamEvents(base, [
      {
        type: 'response',
        ...ids,
        responseId: 'r3',
        surveyId: 'cancel',
        moment: 'cancel_started',
        createdAt: at,
        answers: [{ questionId: 'why', value: 'Too dear' }],
      },
    ]);
    expect(next.moments.find((m) => m.moment === 'cancel_started')).toMatchObject({
      answered: true,
      at,
      nps: null,
    });
    expect(base.moments[1]!.answered).toBe(false);
  });

  it('drops a resolved follow-up', () => {
    const open = { ...base, followups: [{ id: 'f1', status: 'open', reason: 'x', openedAt: at }] };
    const next = applyStreamEvents(open, [
      { type: 'followup', ...ids, id: 'f1', status: 'resolved', reason: 'x', openedAt: at },
    ]);
    expect(next.followups).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { chooseNewMoment, listMoments } from './draft.js';

const survey = (id: string, moment: string) => ({ id, name: id, moment });

describe('chooseNewMoment', () => {
  it('starts a new survey on the first suggested moment without a survey', () => {
    expect(chooseNewMoment([])).toBe('signup_completed');
    expect(chooseNewMoment([survey('a', 'signup_completed'), survey('b', 'checkout_completed')])).toBe(
      'ticket_closed',
    );
  });

  it('starts on no moment when every suggested moment has a survey', () => {
    const all = ['signup_completed', 'checkout_completed', 'ticket_closed', 'cancel_started'];
    expect(chooseNewMoment(all.map((m, i) => survey(`s${i}`, m)))).toBe('');
  });
});

describe('listMoments', () => {
  it('suggests the usual moments and those the surveys name, each with its surveys', () => {
    const list = listMoments([survey('up', 'plan_upgraded'), survey('co', 'checkout_completed')]);
    expect(list.map((m) => m.moment)).toEqual([
      'signup_completed',
      'checkout_completed',
      'ticket_closed',
      'cancel_started',
      'plan_upgraded',
    ]);
    expect(list.find((m) => m.moment === 'checkout_completed')!.surveys.map((s) => s.id)).toEqual(['co']);
  });
});

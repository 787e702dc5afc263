import { describe, expect, it } from 'vitest';
import { parseStreamEvent } from './stream.js';

describe('parseStreamEvent', () => {
  it('reads a summary as the server sends it', () => {
    const e = parseStreamEvent(
      'summary',
      JSON.stringify({
        customerId: 'ann',
        siteId: 's1',
        latest: { nps: { value: 2, at: '2026-01-02T00:00:00.000Z' }, csat: null, ces: null },
        risk: { level: 'high', reasons: ['detractor'] },
      }),
    );
    expect(e).toMatchObject({ type: 'summary', customerId: 'ann', latest: { nps: { value: 2 } } });
  });

  it('drops ready, unknown and malformed events', () => {
    expect(parseStreamEvent('ready', '{"lastEventId":3}')).toBeUndefined();
    expect(parseStreamEvent('surprise', '{}')).toBeUndefined();
    expect(parseStreamEvent('summary', 'not json')).toBeUndefined();
    expect(
      parseStreamEvent(
        'followup',
        JSON.stringify({ customerId: 'ann', siteId: 's', id: 'f', status: 'lost' }),
      ),
    ).toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, type TestApp, testDbKind } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };
beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id);
});
afterEach(() => t.close());

const SECRET_WORDS = 'zebra-quartz-erase-me-7781';

async function answerAs(customerId: string, text: string) {
  await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
    responses: [
      makeResponse({
        customer: { id: customerId },
        answers: [
          { questionId: 'nps', value: 2 },
          { questionId: 'why', value: text },
        ],
      }),
    ],
  });
}

describe('erasing one customer twice at once', () => {
  it('subtracts their answers from the reports once: one 204, then 404 (on D1, 204s that subtract nothing)', async () => {
    for (let i = 0; i < 3; i++) await answerAs('c1', 'bad');
    await answerAs('c2', 'fine');
    const nps = async () => (await t.admin('GET', `/v1/sites/${site.id}/reports/summary`)).json.nps;
    expect((await nps()).n).toBe(4);
    const erased = await Promise.all(
      Array.from({ length: 5 }, () => t.admin('DELETE', `/v1/sites/${site.id}/customers/c1`)),
    );
    const statuses = erased.map((r) => r.status).sort();
    // D1 has no lock: each erasure that read the customer before the first batch committed answers
    // 204, and its batch finds nothing left to subtract.
    if (testDbKind === 'edge') {
      expect(statuses[0]).toBe(204);
      expect(statuses.every((s) => s === 204 || s === 404)).toBe(true);
    } else expect(statuses).toEqual([204, 404, 404, 404, 404]);
    expect(await nps()).toMatchObject({ n: 1, detractors: 1 });
  });
});

describe('erase leaves nothing', () => {
  it('removes queued and logged webhook payloads about the customer, and no one else’s', async () => {
    await t.admin('POST', `/v1/sites/${site.id}/webhooks`, {
      url: 'http://127.0.0.1:9/hook',
      events: ['response.created', 'followup.opened'],
      secret: 'a-webhook-secret-of-some-length',
    });
    await answerAs('c1', SECRET_WORDS);
    await answerAs('c2', 'keep me');
    const before = await t.db.all<{ payload: string }>('SELECT payload FROM webhook_deliveries');
    expect(before.filter((r) => r.payload.includes(SECRET_WORDS))).toHaveLength(1);
    expect((await t.admin('DELETE', `/v1/sites/${site.id}/customers/c1`)).status).toBe(204);
    const after = await t.db.all<{ payload: string }>('SELECT payload FROM webhook_deliveries');
    expect(after.some((r) => r.payload.includes('"c1"'))).toBe(false);
    expect(after.length).toBe(before.length / 2);
  });

  if (testDbKind === 'sqlite') {
    it('overwrites the deleted bytes in the SQLite file (secure_delete)', async () => {
      await answerAs('c1', SECRET_WORDS);
      const file = (await t.db.get<{ file: string }>(
        "SELECT file FROM pragma_database_list WHERE name = 'main'",
      ))!.file;
      await t.db.run('PRAGMA wal_checkpoint(TRUNCATE)');
      expect(readFileSync(file).includes(SECRET_WORDS)).toBe(true);
      expect((await t.admin('DELETE', `/v1/sites/${site.id}/customers/c1`)).status).toBe(204);
      await t.db.run('PRAGMA wal_checkpoint(TRUNCATE)');
      expect(readFileSync(file).includes(SECRET_WORDS)).toBe(false);
      expect(readFileSync(`${file}-wal`, { flag: 'a+' }).includes(SECRET_WORDS)).toBe(false);
    });
  }
});

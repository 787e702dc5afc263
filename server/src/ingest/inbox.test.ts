import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/index.js';
import { hmacSha256Hex } from '../domain/crypto.js';
import { findSiteById } from '../sites/queries.js';
import { createTestApp, makeResponse, type NPS_SURVEY, type TestApp } from '../testing/test-app.js';
import { createInbox } from './inbox.js';

// SQLite's inbox (inbox.ts): a new response is committed raw at the 202 and folded behind it.
// These tests hold responses waiting (no background fold) to see what a reader meets meanwhile.
// The inbox is SQLite's alone and off unless MOMENTS_INBOX_MAX is set: this file runs in the
// sqlite project only (vitest.config.ts); the sqlite-inbox project runs the HTTP suites through it.

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };
afterEach(() => t.close());

async function open(opts: Parameters<typeof createTestApp>[0] = {}) {
  t = await createTestApp({ inbox: true, inboxFolds: false, ...opts });
  site = await t.createSite();
  await t.createSurvey(site.id);
}
const post = (...responses: object[]) =>
  t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses });
const waiting = async () =>
  (await t.rawDb.get<{ n: number }>('SELECT COUNT(*) AS n FROM response_inbox WHERE error IS NULL'))!.n;
const stored = async () => (await t.rawDb.get<{ n: number }>('SELECT COUNT(*) AS n FROM responses'))!.n;
const day = new Date(Date.now() - 3_600_000).toISOString().slice(0, 10);
const summary = async () =>
  (await t.admin('GET', `/v1/sites/${site.id}/reports/summary?from=${day}&to=${day}`)).json as {
    n: number;
    nps: { n: number; score: number };
  };

describe('the ingest inbox (SQLite)', () => {
  it('commits a new response at the 202, and every authenticated read folds it first', async () => {
    await open();
    const r = makeResponse({ answers: [{ questionId: 'nps', value: 2 }] });
    expect((await post(r)).json).toEqual({ accepted: [r.id], duplicates: [] });
    expect(await waiting()).toBe(1);
    expect(await stored()).toBe(0);
    const report = await summary();
    expect(report.n).toBe(1);
    expect(report.nps.score).toBe(-100);
    expect(await waiting()).toBe(0);
    // Resent once folded: a duplicate, as without the inbox.
    expect((await post(r)).json).toEqual({ accepted: [], duplicates: [r.id] });
    expect(await waiting()).toBe(0);
  });

  it('a resend of a waiting response adds only what it lacks, once', async () => {
    await open();
    const base = makeResponse({ customer: { id: 'cus-1' } });
    const partial = { ...base, answers: [{ questionId: 'nps', value: 3 }], complete: false };
    const whole = {
      ...base,
      answers: [
        { questionId: 'nps', value: 3 },
        { questionId: 'ces', value: 6 },
      ],
    };
    expect((await post(partial)).json.accepted).toEqual([base.id]);
    expect(await waiting()).toBe(1);
    // The same again while it waits: nothing to add.
    expect((await post(partial)).json).toEqual({ accepted: [], duplicates: [base.id] });
    expect((await post(whole)).json).toEqual({ accepted: [base.id], duplicates: [] });
    const answers = await t.rawDb.all<{ question_id: string }>(
      'SELECT question_id FROM answers WHERE response_id = ? ORDER BY question_id',
      [base.id],
    );
    expect(answers.map((a) => a.question_id)).toEqual(['ces', 'nps']);
    const report = await summary();
    expect([report.n, report.nps.n]).toEqual([1, 1]);
  });

  it('a customer’s waiting answer counts in their contact history (the widget’s config)', async () => {
    await open();
    await t.admin('PATCH', `/v1/sites/${site.id}`, { contactPolicy: { recontactDays: 14 } });
    const sig = await hmacSha256Hex(site.secret, 'cust-1');
    const eligible = async () =>
      (await t.request('GET', `/v1/sites/${site.publicKey}/config?customer=cust-1&sig=${sig}`)).json.eligible;
    expect(await eligible()).toEqual(['checkout-nps']);
    await post(makeResponse({ customer: { id: 'cust-1' }, createdAt: new Date().toISOString() }));
    expect(await waiting()).toBe(1);
    // Answered a moment ago: the 14-day window holds every survey back, folded or not.
    expect(await eligible()).toEqual([]);
  });

  it('past its limit, a request waits for the fold to bring the inbox back under', async () => {
    await open({ inboxMax: 5 });
    for (let i = 0; i < 4; i++) await post(makeResponse(), makeResponse(), makeResponse());
    expect(await waiting()).toBeLessThanOrEqual(5);
    expect(await stored()).toBeGreaterThanOrEqual(7);
    expect((await summary()).n).toBe(12);
  });

  it('a survey edited between the 202 and the fold: the answers it no longer takes are left out, the rest stored', async () => {
    await open();
    const r = makeResponse({
      answers: [
        { questionId: 'nps', value: 9 },
        { questionId: 'speed', value: 4 },
      ],
    });
    await post(r);
    // Edited behind the API's back (the API's own edit folds the inbox first).
    const row = await t.rawDb.get<{ body: string }>("SELECT body FROM surveys WHERE id = 'checkout-nps'");
    const body = JSON.parse(row!.body) as typeof NPS_SURVEY;
    body.questions = body.questions.filter((q) => q.id !== 'speed');
    await t.rawDb.run("UPDATE surveys SET body = ? WHERE id = 'checkout-nps'", [JSON.stringify(body)]);
    const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await summary()).nps.n).toBe(1);
      expect(said.mock.calls.some((c) => String(c[0]).includes('no longer fit'))).toBe(true);
    } finally {
      said.mockRestore();
    }
    const answers = await t.rawDb.all<{ question_id: string }>('SELECT question_id FROM answers');
    expect(answers.map((a) => a.question_id)).toEqual(['nps']);
  });

  it('a waiting row that cannot fold is set aside, kept, and stalls nothing behind it', async () => {
    await open();
    const good = makeResponse();
    await post(good);
    // A row no fold can read (as a bug or a damaged file might leave), queued before a good one.
    await t.rawDb.run(
      `INSERT INTO response_inbox (site_id, id, survey_id, customer_id, created_at, received_at, body)
       VALUES (?, 'broken', 'checkout-nps', NULL, 0, 0, '{not json')`,
      [site.id],
    );
    const later = makeResponse();
    await post(later);
    const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await summary()).n).toBe(2);
      // Read again: the set-aside row is not tried on every read.
      said.mockClear();
      expect((await summary()).n).toBe(2);
      expect(said).not.toHaveBeenCalled();
    } finally {
      said.mockRestore();
    }
    const aside = await t.rawDb.all<{ id: string; error: string }>(
      'SELECT id, error FROM response_inbox WHERE error IS NOT NULL',
    );
    expect(aside.map((r) => r.id)).toEqual(['broken']);
    expect(aside[0]!.error).toMatch(/JSON/);
  });

  it('a database failing during the fold sets nothing aside: the rows wait for the next fold', async () => {
    await open({ inbox: false });
    let failing = false;
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const db = new Proxy(t.rawDb, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key === 'tx')
          return (fn: Parameters<Db['tx']>[0]) => (failing ? Promise.reject(busy) : target.tx(fn));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const inbox = await createInbox(db, { maxBacklog: 1000, foldInBackground: false });
    const record = (await findSiteById(t.rawDb, site.id))!;
    await inbox.accept(record, [makeResponse(), makeResponse()]);
    failing = true;
    await expect(inbox.drain()).rejects.toThrow('database is locked');
    expect(await waiting()).toBe(2);
    failing = false;
    await inbox.drain();
    expect([await waiting(), await stored()]).toEqual([0, 2]);
    await inbox.stop();
  });

  it('with the inbox off, every response is whole before its 202', async () => {
    await open({ inbox: false });
    await post(makeResponse());
    expect(await stored()).toBe(1);
    expect(await waiting()).toBe(0);
  });
});

import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string };
beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
});
afterEach(() => t.close());

const put = (csv: string, query = '') =>
  t.admin('PUT', `/v1/sites/${site.id}/customers${query}`, csv, { 'content-type': 'text/csv' });
const customer = (id: string) =>
  t.db.get<{ email: string; mrr: number; acquisition_cost: number | null; plan: string | null }>(
    'SELECT email, mrr, acquisition_cost, plan FROM customers WHERE site_id = ? AND id = ?',
    [site.id, id],
  );

it('reads a European Excel export: semicolons, decimal commas, a BOM and CRLF', async () => {
  const csv =
    '\uFEFFid;email;plan;mrr;acquisitionCost\r\nc1;c1@example.com;Pro, annual;1.234,50;99,9\r\nc2;c2@example.com;Basic;12;\r\n';
  const r = await put(csv);
  expect(r.json).toEqual({ inserted: 2, updated: 0, rejected: 0, errors: [] });
  expect(await customer('c1')).toEqual({
    email: 'c1@example.com',
    mrr: 1234.5,
    acquisition_cost: 99.9,
    plan: 'Pro, annual',
  });
  expect((await customer('c2'))!.mrr).toBe(12);
});

it('reads a file saved as Windows-1252 or UTF-16 (Excel), not as "Jos\uFFFD" or a NUL refusal', async () => {
  const bytes = (text: string, encoding: 'latin1' | 'utf16le', bom = '') =>
    new Uint8Array(Buffer.from(bom + text, encoding));
  const rows = 'id;name;mrr\r\nc1;José Müller;1,5\r\n';
  const sent = [
    bytes(rows, 'latin1'),
    bytes(rows.replace('c1', 'c2').replace(/;/g, '\t').replace('1,5', '2'), 'utf16le', '\uFEFF'),
    new Uint8Array(Buffer.from(rows.replace('c1', 'c3'), 'utf8')),
  ];
  for (const body of sent) {
    const r = await t.admin('PUT', `/v1/sites/${site.id}/customers`, body, { 'content-type': 'text/csv' });
    expect(r.json).toEqual({ inserted: 1, updated: 0, rejected: 0, errors: [] });
  }
  const names = await t.db.all<{ id: string; name: string }>(
    'SELECT id, name FROM customers WHERE site_id = ? ORDER BY id',
    [site.id],
  );
  expect(names).toEqual(['c1', 'c2', 'c3'].map((id) => ({ id, name: 'José Müller' })));
});

it('keeps a comma-separated file as it was: "1,5" in a quoted amount is refused, not read as 1.5', async () => {
  const r = await put('id,mrr\nc1,"1,5"\n');
  expect(r.json.rejected).toBe(1);
  expect(r.json.errors[0].reason).toMatch(/MRR must be a number/);
});

it('maps columns named the CRM way to fields, skipping the ones left unnamed', async () => {
  const stripe = 'Customer ID,Email,Description,Plan,Monthly Amount\ncus_1,a@example.com,VIP,pro,49.5\n';
  expect((await put(stripe)).status).toBe(400);
  const r = await put(stripe, '?columns=id,email,,plan,mrr');
  expect(r.json).toMatchObject({ inserted: 1, rejected: 0 });
  expect(await customer('cus_1')).toEqual({
    email: 'a@example.com',
    mrr: 49.5,
    acquisition_cost: null,
    plan: 'pro',
  });
});

it('refuses a mapping with an unknown field, no id, a field twice, or the wrong number of columns', async () => {
  const csv = 'a,b\n1,2\n';
  for (const q of ['?columns=id,shoe', '?columns=email,mrr', '?columns=id,id', '?columns=id,email,mrr']) {
    const r = await put(csv, q);
    expect(r.status, q).toBe(400);
    expect(r.json.error.issues.length).toBeGreaterThan(0);
  }
  expect((await t.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM customers'))!.n).toBe(0);
});

import { Hono } from 'hono';
import { escapeHtml } from '../domain/escape-html.js';
import type { Deps } from '../env.js';
import { FAVICON_LINK } from '../static/favicon.js';

type Row = { id: string; email: string; name: string | null; plan: string | null; reason: string | null };

/** Customers worth a ticket: the first ones with an open follow-up, then a few happy ones. */
async function pickCustomers(deps: Deps, siteId: string): Promise<Row[]> {
  const unhappy = await deps.db.all<Row>(
    `SELECT c.id, c.email, c.name, c.plan, MIN(f.reason) AS reason FROM customers c
     JOIN followups f ON f.site_id = c.site_id AND f.customer_id = c.id AND f.status = 'open'
     WHERE c.site_id = ? AND c.email IS NOT NULL GROUP BY c.id, c.email, c.name, c.plan ORDER BY c.id LIMIT 4`,
    [siteId],
  );
  const others = await deps.db.all<Row>(
    `SELECT id, email, name, plan, NULL AS reason FROM customers
     WHERE site_id = ? AND email IN ('customer1@example.com', 'customer2@example.com')`,
    [siteId],
  );
  return [...unhappy, ...others];
}

function renderCrm(rows: Row[]) {
  const [first] = rows;
  const list = rows
    .map(
      (r, i) => `<tr><td>#${1040 + i}</td><td>${escapeHtml(r.reason ?? 'Question about my order')}</td>
      <td>${escapeHtml(r.name ?? '')}</td><td class="email">${escapeHtml(r.email)}</td>
      <td><a href="/demo/shop?as=${encodeURIComponent(r.email)}" target="_blank" rel="noopener">answer as them on the shop ↗</a></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo help desk · Moments</title>
${FAVICON_LINK}
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1f2937; background: #f1f5f9; }
  header { background: #1e293b; color: #fff; padding: 12px 24px; }
  main { display: grid; grid-template-columns: minmax(0, 2fr) minmax(260px, 1fr); gap: 16px; padding: 16px 24px; }
  section, aside { background: #fff; border: 1px solid #e2e8f0; border-radius: 8px; padding: 16px; }
  table { width: 100%; border-collapse: collapse; } td, th { text-align: left; padding: 6px; border-bottom: 1px solid #e2e8f0; }
  .muted { color: #64748b; font-size: 14px; }
  @media (max-width: 800px) { main { grid-template-columns: 1fr; } }
  /* A phone: each ticket a block of lines, so the page never scrolls sideways. */
  @media (max-width: 600px) {
    main { padding: 12px; }
    thead { display: none; }
    tr { display: block; padding: 8px 0; border-bottom: 1px solid #e2e8f0; }
    td { display: block; border: 0; padding: 2px 6px; overflow-wrap: anywhere; }
  }
</style></head>
<body>
<header><strong>Demo help desk</strong> · a stand-in for Zendesk, Salesforce, HubSpot, Intercom or Freshdesk</header>
<main>
<section>
  <h1>Ticket #1040: ${escapeHtml(first?.reason ?? 'Question about my order')}</h1>
  <p class="muted">With the Moments extension loaded and this page's origin turned on in its options, a badge
  shows beside each customer's email: click it for scores, trend, value and open follow-ups.
  Answer a survey on the demo shop as one of them and watch the badge change.</p>
  <h2>All open tickets</h2>
  <table><thead><tr><th>Ticket</th><th>Subject</th><th>Customer</th><th>Email</th><th></th></tr></thead>
  <tbody>${list}</tbody></table>
</section>
<aside>
  <h2>Requester</h2>
  <p>${escapeHtml(first?.name ?? '')}<br><a href="mailto:${escapeHtml(first?.email ?? '')}">${escapeHtml(first?.email ?? '')}</a></p>
  <p class="muted">Plan: ${escapeHtml(first?.plan ?? '–')}</p>
</aside>
</main>
</body></html>`;
}

/** The demo help desk (`pnpm demo` only): customers' emails on a CRM-like page, for the extension. */
export function createDemoCrmRoutes(deps: Deps, siteId = 'site_demo') {
  const app = new Hono();
  app.get('/demo/crm', async (c) => c.html(renderCrm(await pickCustomers(deps, siteId))));
  return app;
}

import { Hono } from 'hono';
import { hmacSha256Hex } from '../domain/crypto.js';
import { escapeHtml } from '../domain/escape-html.js';
import type { Deps } from '../env.js';
import { emailSignatureMessage } from '../site-config/identity.js';
import { findSiteByPublicKey } from '../sites/queries.js';
import { FAVICON_LINK } from '../static/favicon.js';

const STEPS = [
  ['signup_completed', 'Finish onboarding', 'Day 7 of onboarding: how easy was it to get set up?'],
  ['checkout_completed', 'Complete checkout', 'After checkout: NPS with driver ratings.'],
  ['ticket_closed', 'Close my support ticket', 'After a ticket closes: CSAT about the help.'],
  ['cancel_started', 'Cancel my subscription', 'When starting to cancel: why are you leaving?'],
] as const;

type SignedCustomer = { id: string; email: string; signature: string; emailSignature: string };

/**
 * A value as a JavaScript literal inside an inline `<script>`: JSON, with `<` escaped so a value
 * holding `</script>` (a customer id is any text a visitor sent) cannot end the script early.
 */
const toScriptLiteral = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function renderShop(siteKey: string, customer?: SignedCustomer) {
  const identify = customer
    ? `moments('identify', ${toScriptLiteral({ id: customer.id, email: customer.email, signature: customer.signature, emailSignature: customer.emailSignature })});`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo Shop · Moments</title>
${FAVICON_LINK}
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2937; background: #f8fafc; }
  header { background: #0f766e; color: #fff; padding: 16px 24px; }
  main { max-width: 760px; margin: 24px auto; padding: 0 24px; }
  .step { display: flex; align-items: center; gap: 16px; background: #fff; border: 1px solid #e2e8f0; border-radius: 10px; padding: 16px; margin: 12px 0; }
  .step p { margin: 0; flex: 1; }
  button, a.button { font: inherit; padding: 10px 16px; border-radius: 8px; border: 0; background: #0f766e; color: #fff; cursor: pointer; text-decoration: none; }
  .muted { color: #64748b; font-size: 14px; }
  button.secondary { background: #e2e8f0; color: #1f2937; }
  /* A phone: the text above its buttons, which wrap, so no button leaves its card. */
  @media (max-width: 600px) {
    main { padding: 0 12px; }
    .step { flex-wrap: wrap; }
    .step p { flex-basis: 100%; }
  }
</style>
<script>window.moments = window.moments || function () { (moments.q = moments.q || []).push(arguments); }; ${identify}</script>
<script async src="/w.js" data-site="${escapeHtml(siteKey)}"></script>
</head>
<body>
<header><strong>Demo Shop</strong> — every button below is a funnel moment</header>
<main>
  <p>You are ${customer ? `signed in as <strong>${escapeHtml(customer.email)}</strong> (a signed identity: the server applies the contact policy across devices)` : 'an anonymous visitor (this browser applies the contact policy)'}.
  <a href="${customer ? '/demo/shop' : '/demo/shop?as=customer1@example.com'}">${customer ? 'Browse anonymously' : 'Sign in as customer1@example.com'}</a></p>
  ${STEPS.map(
    ([
      moment,
      label,
      help,
    ]) => `<div class="step"><p><strong>${label}</strong><br><span class="muted">${help} <code>moments('track', '${moment}')</code></span></p>
    <button type="button" data-moment="${moment}">${label}</button></div>`,
  ).join('\n  ')}
  ${
    customer
      ? `<div class="step"><p><strong>Ask me now</strong><br><span class="muted">A signed-in customer is asked only as often as the contact policy allows, across devices. To show a survey anyway (a demo shortcut, <code>moments('show', id)</code>):</span></p>
    <button type="button" class="secondary" data-show="checkout-nps">NPS survey</button> <button type="button" class="secondary" data-show="ticket-csat">CSAT survey</button></div>`
      : ''
  }
  <p class="muted">The contact policy allows one survey per visitor every 14 days. To see another survey now:
  <button type="button" class="secondary" id="reset">Forget this visitor</button></p>
</main>
<script src="/demo/shop.js"></script>
</body>
</html>`;
}

const SHOP_JS = `document.querySelectorAll('[data-moment]').forEach(function (b) {
  b.addEventListener('click', function () { moments('track', b.getAttribute('data-moment')); });
});
document.querySelectorAll('[data-show]').forEach(function (b) {
  b.addEventListener('click', function () { moments('show', b.getAttribute('data-show')); });
});
document.getElementById('reset').addEventListener('click', function () {
  Object.keys(localStorage).filter(function (k) { return k.indexOf('moments:') === 0; }).forEach(function (k) { localStorage.removeItem(k); });
  moments('reset');
  location.reload();
});`;

/** The demo shop (`pnpm demo` only): the widget on a page whose buttons are funnel moments. */
export function createDemoShopRoutes(deps: Deps, siteKey = 'pk_demo_shop') {
  const app = new Hono();
  app.get('/demo/shop', async (c) => {
    const email = c.req.query('as');
    let customer: SignedCustomer | undefined;
    if (email) {
      const site = await findSiteByPublicKey(deps.db, siteKey);
      const row =
        site &&
        (await deps.db.get<{ id: string }>('SELECT id FROM customers WHERE site_id = ? AND email = ?', [
          site.id,
          email,
        ]));
      // What a shop's back end renders: the id signed, and the email signed with it (emailSignature).
      if (site && row)
        customer = {
          id: row.id,
          email,
          signature: await hmacSha256Hex(site.secret, row.id),
          emailSignature: await hmacSha256Hex(site.secret, emailSignatureMessage(row.id, email)),
        };
    }
    return c.html(renderShop(siteKey, customer));
  });
  app.get('/demo/shop.js', (c) => c.body(SHOP_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  return app;
}

import { AGENT, type Customer, esc, type Fixture, fixture, SUPPORT_EMAIL } from './shell.js';

/**
 * Any other tool, for the generic adapter: emails in plain text, one per row; the agent's own
 * address shown in the header; the support address in the footer; a row hidden by a filter; and
 * a widget that renders its contact in an open shadow root.
 */
export function genericPage(customers: Customer[], hidden?: Customer, inShadow?: Customer): Fixture {
  return fixture({
    title: 'Our own CRM',
    path: '/accounts',
    body: `<header role="banner"><span>Signed in as ${esc(AGENT.email)}</span></header>
    <main><h1>Accounts</h1><ul>${customers.map((c) => `<li>${esc(c.name)}: ${esc(c.email)}</li>`).join('')}
    ${hidden ? `<li style="display:none">${esc(hidden.name)}: ${esc(hidden.email)}</li>` : ''}</ul>
    <account-card id="card"></account-card></main>
    <footer>Questions? ${esc(SUPPORT_EMAIL)}</footer>`,
    script: inShadow
      ? `document.getElementById('card').attachShadow({ mode: 'open' }).innerHTML = '<p>Key contact: <span></span></p>';
         document.getElementById('card').shadowRoot.querySelector('span').textContent = DATA.email;`
      : '',
    data: inShadow ? { email: inShadow.email } : {},
  });
}

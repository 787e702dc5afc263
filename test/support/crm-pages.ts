/**
 * Fixture pages for the extension's site adapters: each CRM's URL scheme and the structure its
 * adapter reads (ticket view, contact record, list view, a single-page navigation), plus the host
 * page's own script and styles, which the overlay must leave alone.
 */
export type Customer = { id: string; email: string; name: string };

/** Host page furniture: its own script (a click counter) and hostile CSS aimed at everything. */
const HOST = {
  head: `<style>
    body { font: 14px/1.4 Georgia, serif; margin: 0; }
    #layout-probe { width: 300px; padding: 10px; }
    button, span, div { letter-spacing: 0.5px; }
    * { color: #123456 !important; }
    button { display: none !important; }
    button.host-button { display: inline-block !important; }
  </style>`,
  body: `<div id="layout-probe">Host layout probe</div>
    <button type="button" class="host-button" id="host-counter">Clicked 0</button>
    <script>
      var n = 0;
      document.getElementById('host-counter').addEventListener('click', function () {
        n++; this.textContent = 'Clicked ' + n;
      });
      window.hostErrors = [];
      window.addEventListener('error', function (e) { window.hostErrors.push(String(e.message)); });
    </script>`,
};

const page = (title: string, body: string, script = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>${HOST.head}</head>
<body>${HOST.body}
${body}
${script ? `<script>${script}</script>` : ''}
</body></html>`;

export function zendeskTicket(c: Customer, next: Customer) {
  return page(
    'Ticket #1 – Zendesk',
    `<div id="root"><header data-test-id="header-toolbar">Acme Support</header>
    <main><section data-test-id="ticket-conversation"><h1 data-test-id="ticket-pane-subject">Where is my order?</h1>
      <a id="next-ticket" href="/agent/tickets/2">Next ticket</a></section>
    <aside data-test-id="customer-context">
      <div data-test-id="customer-context-user-name">${c.name}</div>
      <div data-test-id="customer-context-email">${c.email}</div>
    </aside></main></div>`,
    // The agent workspace is a single-page app: the next ticket replaces the customer context in place.
    `document.getElementById('next-ticket').addEventListener('click', function (e) {
      e.preventDefault();
      history.pushState({}, '', '/agent/tickets/2');
      var ctx = document.querySelector('[data-test-id="customer-context"]');
      ctx.innerHTML = '<div data-test-id="customer-context-user-name">${next.name}</div><div data-test-id="customer-context-email">${next.email}</div>';
      document.querySelector('[data-test-id="ticket-pane-subject"]').textContent = 'Refund please';
    });`,
  );
}

export function zendeskList(customers: Customer[]) {
  return page(
    'Views – Zendesk',
    `<table data-test-id="generic-table"><thead><tr><th>Subject</th><th>Requester</th></tr></thead><tbody>
    ${customers
      .map(
        (c, i) =>
          `<tr data-test-id="generic-table-row"><td>Ticket ${i + 1}</td><td data-test-id="generic-table-cell-requester-email">${c.email}</td></tr>`,
      )
      .join('')}
    </tbody></table>`,
  );
}

export function salesforceContact(c: Customer) {
  return page(
    `${c.name} | Contact | Salesforce`,
    `<one-app-nav-bar>Contacts</one-app-nav-bar>
    <records-lwc-highlights-panel><h1>${c.name}</h1></records-lwc-highlights-panel>
    <records-record-layout-section>
      <records-record-layout-item field-label="Name"><span class="test-id__field-label">Name</span><lightning-formatted-name>${c.name}</lightning-formatted-name></records-record-layout-item>
      <records-record-layout-item field-label="Email"><span class="test-id__field-label">Email</span><lightning-formatted-email><a href="mailto:${c.email}">${c.email}</a></lightning-formatted-email></records-record-layout-item>
      <records-record-layout-item field-label="Customer ID"><span class="test-id__field-label">Customer ID</span><lightning-formatted-text>${c.id}</lightning-formatted-text></records-record-layout-item>
    </records-record-layout-section>`,
  );
}

export function hubspotContact(c: Customer) {
  return page(
    `${c.name} | HubSpot`,
    `<div data-test-id="left-sidebar"><h1 data-selenium-test="contact-name">${c.name}</h1>
      <span data-selenium-test="contact-email">${c.email}</span></div>
    <div data-test-id="middle-pane">Activity</div>`,
  );
}

export function intercomConversation(c: Customer) {
  return page(
    'Inbox | Intercom',
    `<div class="inbox"><div class="conversation">Hi, my parcel is late.</div>
    <div data-test-conversation-details><h2>${c.name}</h2>
      <div data-test-attribute="email"><span>Email</span> <span data-test-attribute-value>${c.email}</span></div>
    </div></div>`,
  );
}

export function freshdeskTicket(c: Customer) {
  return page(
    'Ticket #42 : Freshdesk',
    `<div class="ticket-details"><h1>Refund request</h1></div>
    <div data-test-id="requester-info"><span>${c.name}</span> <a href="mailto:${c.email}">${c.email}</a></div>`,
  );
}

/** Any other tool, for the generic adapter: emails in plain text, one per row. */
export function genericPage(customers: Customer[]) {
  return page(
    'Our own CRM',
    `<h1>Accounts</h1><ul>${customers.map((c) => `<li>${c.name}: ${c.email}</li>`).join('')}</ul>`,
  );
}

import { AGENT, type Customer, esc, type Fixture, fixture } from './shell.js';

/**
 * Salesforce Lightning record pages in native shadow DOM, from public evidence (see
 * extension/src/sites/salesforce.ts for the citations): each component of the chain
 * `one-record-home-flexipage2` → … → `records-record-layout-item[field-label]` →
 * `lightning-formatted-email` renders into its own open shadow root, sixteen levels deep here.
 * Records opened earlier stay mounted in hidden `.oneContent` containers (only `.active` shows).
 * The detail panel paints a skeleton first. A lookup link opens another record with pushState.
 * The header's profile card names the agent; the highlights panel repeats the record's email.
 */
const CHAIN = [
  'one-record-home-flexipage2',
  'forcegenerated-adg-rollup_component___force-generated__flexipage_-record-page___-contact',
  'forcegenerated-flexipage_contact_rec_l_contact__view_js',
  'record_flexipage-record-page-decorator',
  'flexipage-record-home-template-desktop2',
  'flexipage-component2',
  'flexipage-tabset2',
  'lightning-tabset',
  'flexipage-tab2',
  'records-lwc-detail-panel',
  'records-base-record-form',
  'records-lwc-record-layout',
  'forcegenerated-detailpanel_contact___012000000000000aaa___full___view___recordlayout2',
  'records-record-layout-section',
];

// Builds each record as nested shadow roots, as native-shadow LWC renders it.
const RECORD_SCRIPT = `
function shadowChain(parent, tags) {
  var root = parent;
  for (var i = 0; i < tags.length; i++) {
    var el = document.createElement(tags[i]);
    root.appendChild(el);
    root = el.attachShadow({ mode: 'open' });
  }
  return root;
}
function text(tag, value) { var el = document.createElement(tag); el.attachShadow({ mode: 'open' }).textContent = value; return el; }
function email(value) {
  var el = document.createElement('lightning-formatted-email');
  var a = document.createElement('a'); a.href = 'mailto:' + value; a.textContent = value;
  el.attachShadow({ mode: 'open' }).appendChild(a);
  return el;
}
function item(label, valueEl) {
  var row = document.createElement('records-record-layout-row');
  var it = document.createElement('records-record-layout-item');
  it.setAttribute('field-label', label);
  var sr = it.attachShadow({ mode: 'open' });
  sr.innerHTML = '<div class="slds-form-element"><span class="test-id__field-label">' + label + '</span><div class="slds-form-element__control"><span data-output-element-id="output-field"></span></div></div>';
  sr.querySelector('[data-output-element-id]').appendChild(valueEl);
  row.attachShadow({ mode: 'open' }).appendChild(it);
  return row;
}
function relatedList(title, people) {
  // A related list (lst-related-list-single-container → … → article[aria-label]), its rows' emails formatted.
  var rl = document.createElement('lst-related-list-single-container');
  var art = document.createElement('article'); art.setAttribute('aria-label', title);
  art.innerHTML = '<h2>' + title + ' (' + people.length + ')</h2><table><tbody></tbody></table>';
  people.forEach(function (p) {
    var tr = document.createElement('tr');
    tr.innerHTML = '<th></th><td></td>';
    tr.querySelector('th').textContent = p.name;
    tr.querySelector('td').appendChild(email(p.email));
    art.querySelector('tbody').appendChild(tr);
  });
  rl.attachShadow({ mode: 'open' }).appendChild(art);
  return rl;
}
function record(c) {
  var box = document.createElement(DATA.console ? 'section' : 'div');
  box.className = DATA.console ? 'tabContent oneConsoleTab' : 'windowViewMode-normal oneContent';
  if (DATA.console) { box.setAttribute('role', 'tabpanel'); box.setAttribute('aria-expanded', 'false'); }
  box.setAttribute('data-record-id', c.recordId);
  document.getElementById('sf-workspace').appendChild(box);
  var home = shadowChain(box, ['one-record-home-flexipage2']);
  var hl = document.createElement('records-lwc-highlights-panel');
  var hlr = hl.attachShadow({ mode: 'open' });
  var h2 = document.createElement('records-highlights2'); hlr.appendChild(h2);
  var h2r = h2.attachShadow({ mode: 'open' });
  var title = text('lightning-formatted-text', c.name); title.setAttribute('slot', 'primaryField');
  h2r.appendChild(title);
  var detail = document.createElement('records-highlights-details-item'); h2r.appendChild(detail);
  if (c.email) detail.attachShadow({ mode: 'open' }).appendChild(email(c.email));
  home.appendChild(hl);
  var section = shadowChain(home, DATA.chain.slice(1));
  section.innerHTML = '<div class="slds-skeleton" aria-busy="true">Loading…</div>';
  setTimeout(function () {
    section.innerHTML = '';
    section.appendChild(item('Name', text('lightning-formatted-name', c.name)));
    if (c.email) section.appendChild(item('Email', email(c.email)));
    (c.fields || []).forEach(function (f) { section.appendChild(item(f[0], text('lightning-formatted-text', f[1]))); });
    if (c.customerId) section.appendChild(item('Customer ID', text('lightning-formatted-text', c.customerId)));
    var owner = document.createElement('force-lookup');
    owner.attachShadow({ mode: 'open' }).innerHTML = '<a data-navigation="enable" href="/lightning/r/User/005000000000001/view">' + DATA.agent.name + '</a>';
    section.appendChild(item('Contact Owner', owner));
    if (c.reportsTo) {
      var lk = document.createElement('force-lookup');
      lk.attachShadow({ mode: 'open' }).innerHTML = '<a class="sf-nav" data-navigation="enable" href="/lightning/r/Contact/' + c.reportsTo.recordId + '/view">' + c.reportsTo.name + '</a>';
      section.appendChild(item('Reports To', lk));
    }
    if (c.related) home.appendChild(relatedList('Contacts', c.related));
  }, PAINT_MS);
  return box;
}
function show(recordId) {
  var box = null;
  var boxes = document.querySelectorAll('.oneContent, .oneConsoleTab');
  for (var i = 0; i < boxes.length; i++) {
    boxes[i].classList.remove('active');
    if (DATA.console) boxes[i].setAttribute('aria-expanded', 'false');
    if (boxes[i].getAttribute('data-record-id') === recordId) box = boxes[i];
  }
  if (!box) { var c = DATA.records.filter(function (r) { return r.recordId === recordId; })[0]; if (!c) return; box = record(c); }
  box.classList.add('active');
  if (DATA.console) box.setAttribute('aria-expanded', 'true');
}
function route() { var m = location.pathname.match(/\\/lightning\\/r\\/(?:Contact|Account|Case)\\/([^/]+)/); if (m) show(m[1]); }
// Lightning navigates on a click in any shadow root: the composed path reaches the document.
document.addEventListener('click', function (e) {
  var path = e.composedPath();
  for (var i = 0; i < path.length; i++) {
    if (path[i].classList && path[i].classList.contains('sf-nav')) {
      e.preventDefault();
      history.pushState({}, '', path[i].getAttribute('href'));
      route();
      return;
    }
  }
});
window.addEventListener('popstate', route);
(DATA.earlier || []).forEach(function (id) { show(id); });
route();
`;

const HEADER = `<header id="oneHeader" role="banner"><one-app-nav-bar>Contacts</one-app-nav-bar>
  <button type="button" class="host-button branding-userProfile-button" title="View profile">SA</button>
  <div class="userProfileCard" hidden><h1>${esc(AGENT.name)}</h1><a href="mailto:${esc(AGENT.email)}">${esc(AGENT.email)}</a></div></header>`;
const CSS = '<style>.oneContent:not(.active){display:none}</style>';

export type SfContact = Customer & {
  recordId: string;
  customerId?: string;
  reportsTo?: SfContact;
  /** A record without an Email field (an Account): `email` is not shown. */
  noEmail?: boolean;
  /** More text fields, label and value. */
  fields?: [string, string][];
  /** A related list of contacts on the record (`lst-related-list-single-container`). */
  related?: Customer[];
};

/**
 * The service console (`.oneConsoleTabset` → `section.tabContent.oneConsoleTab`, the open tab
 * `.active[aria-expanded="true"]`: public Lightning console scripts found by code search read
 * `section.tabContent.active.oneConsoleTab[aria-expanded="true"]`). Here the workspace tabs are
 * stacked in one place, the open one on top: a tab behind it is laid out, yet not the agent's.
 */
const CONSOLE_CSS =
  '<style>#sf-workspace{position:relative;min-height:600px}.oneConsoleTab{position:absolute;top:0;left:0;right:0;background:#fff}.oneConsoleTab.active{z-index:1}</style>';

/**
 * A record page (a contact, or an `object` such as an Account); `earlier` records were opened
 * before and stay mounted, hidden (or, in the `console`, stacked behind the open tab).
 */
export function salesforceContact(
  records: SfContact[],
  open: string,
  earlier: string[] = [],
  o: { console?: boolean; object?: 'Contact' | 'Account' | 'Case' } = {},
): Fixture {
  const object = o.object ?? 'Contact';
  return fixture({
    title: `${object} | Salesforce`,
    path: `/lightning/r/${object}/${open}/view`,
    head: o.console ? CONSOLE_CSS : CSS,
    body: o.console
      ? `${HEADER}<div class="oneConsoleTabset navexConsoleTabset"><div class="tabsetBody main-content mainContentMark fullheight active fullRight"><div class="split-right" role="main" id="sf-workspace"></div></div></div>`
      : `${HEADER}<div class="slds-template__container"><div id="sf-workspace" class="lafSinglePaneWindowManager"></div></div>`,
    script: RECORD_SCRIPT,
    data: {
      chain: CHAIN,
      earlier,
      agent: AGENT,
      console: !!o.console,
      records: records.map((r) => ({
        ...r,
        email: r.noEmail ? undefined : r.email,
        reportsTo: r.reportsTo && { recordId: r.reportsTo.recordId, name: r.reportsTo.name },
      })),
    },
  });
}

// A list view: a datatable in shadow DOM, one formatted email per row.
const LIST_SCRIPT = `
var home = document.getElementById('sf-list');
var table = document.createElement('lightning-datatable');
home.attachShadow({ mode: 'open' }).appendChild(table);
var tr = table.attachShadow({ mode: 'open' });
tr.innerHTML = '<table role="grid"><thead><tr><th>Name</th><th>Email</th></tr></thead><tbody></tbody></table>';
DATA.rows.forEach(function (c) {
  var row = document.createElement('tr');
  row.innerHTML = '<th><a href="/lightning/r/Contact/' + c.recordId + '/view"></a></th><td></td>';
  row.querySelector('a').textContent = c.name;
  var el = document.createElement('lightning-formatted-email');
  var a = document.createElement('a'); a.href = 'mailto:' + c.email; a.textContent = c.email;
  el.attachShadow({ mode: 'open' }).appendChild(a);
  row.querySelector('td').appendChild(el);
  tr.querySelector('tbody').appendChild(row);
});
`;

export function salesforceList(rows: SfContact[]): Fixture {
  return fixture({
    title: 'Contacts | Salesforce',
    path: '/lightning/o/Contact/list',
    body: `${HEADER}<lst-object-home id="sf-list"></lst-object-home>`,
    script: LIST_SCRIPT,
    data: { rows: rows.map((r) => ({ recordId: r.recordId, name: r.name, email: r.email })) },
  });
}

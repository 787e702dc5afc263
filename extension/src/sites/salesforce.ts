import { composedClosest, deepQueryAll, isShown } from './deep-dom.js';
import { firstAllowed } from './exclusions.js';
import { deepText, findBySelectors, readEmail } from './find-emails.js';
import type { Found, PageContext, SiteAdapter } from './types.js';

/**
 * Salesforce Lightning (`{org}.lightning.force.com/lightning/r|o/…`). What the evidence shows:
 * - A record page is `one-record-home-flexipage2` → `forcegenerated-adg-rollup_…` →
 *   `forcegenerated-flexipage_…` → `record_flexipage-record-page-decorator` →
 *   `flexipage-record-home-template-desktop2` → `flexipage-component2` → `flexipage-tabset2` →
 *   `lightning-tabset` → `flexipage-tab2` → `records-lwc-detail-panel` → `records-base-record-form`
 *   → `records-lwc-record-layout` → `records-record-layout-section/row/item` → `lightning-formatted-*`
 *   (salesforce/utam-java-recipes: RecordUpdateTests.java walks RecordHomeFlexipage2 → Tabset → Tab2
 *   → LwcDetailPanel → BaseRecordForm → LwcRecordLayout → RecordLayoutItem; an Account page object
 *   found by code search spells the full XPath). With native shadow DOM each of those is a shadow
 *   root: we walk open roots (deep-dom.ts) and watch them for changes.
 * - A layout item carries `field-label="…"` (records-record-layout-item[field-label="Created By"] in
 *   public Salesforce scripts found by code search); an Email field renders `lightning-formatted-email`.
 * - Several record pages stay mounted, hidden, as the agent moves between tabs; the shown one is
 *   the one to read (toggl/track-extension src/content/force.js: "Navigate around many views being
 *   present in the DOM, hidden/revealed at various times", `.windowViewMode-normal`).
 */
export const SALESFORCE = {
  recordPage: 'one-record-home-flexipage2',
  /** Labels of fields that hold the business's own customer id (looked up by id, not email). */
  idLabels: ['Customer ID', 'External ID', 'Moments ID'],
  emailLabels: ['Email', 'Email Address', 'Work Email', 'Contact Email', 'Web Email'],
  layoutItem: (label: string) => `records-record-layout-item[field-label="${label}"]`,
  email: 'lightning-formatted-email',
  /** List views: a Lightning datatable's email cells. Thin evidence: the component name only. */
  listEmail: 'lightning-formatted-email',
  /**
   * The service console's workspace tabs; the open one is `.active[aria-expanded="true"]`
   * (public console scripts found by code search read
   * `section.tabContent.active.oneConsoleTab[aria-expanded="true"]`).
   */
  consoleTab: 'section.oneConsoleTab',
  openConsoleTab: '.active,[aria-expanded="true"]',
  /**
   * Parts of a record page that name other people: the highlights panel (repeats a field) and
   * related lists (`lst-related-list-single-container`, and its older `force-` / `records-` names,
   * in public Salesforce page objects and scripts found by code search).
   */
  notTheRecord:
    'records-lwc-highlights-panel,records-highlights2,lst-related-list-single-container,force-related-list-single-container,records-related-list-single-container,.forceRelatedList',
};

/**
 * Where the agent is looking: in the console, the open workspace tab (the innermost, for a
 * subtab), since tabs behind it stay mounted and may even be laid out; else the whole page.
 */
function openScope(doc: Document): Element | Document | undefined {
  const tabs = deepQueryAll(doc, SALESFORCE.consoleTab);
  if (!tabs.length) return doc;
  const open = tabs.filter((t) => t.matches(SALESFORCE.openConsoleTab) && isShown(t));
  return open.find((t) => !open.some((o) => o !== t && t.contains(o)));
}

function readRecord(page: Element | Document, ctx: PageContext): Found[] {
  const ids: Found[] = [];
  for (const label of SALESFORCE.idLabels) {
    for (const item of deepQueryAll(page, SALESFORCE.layoutItem(label))) {
      const value = deepQueryAll(item, 'lightning-formatted-text').find(isShown);
      // Formatted components render their text in their own shadow root.
      const id = value && deepText(value).trim();
      if (value && id && isShown(item)) ids.push({ key: { id }, anchor: value });
    }
  }
  // A record with an external id is looked up by it; its email field would only repeat the badge.
  if (ids.length) return ids.slice(0, 1);
  for (const label of SALESFORCE.emailLabels) {
    for (const item of deepQueryAll(page, SALESFORCE.layoutItem(label))) {
      if (!isShown(item)) continue;
      const field = deepQueryAll(item, SALESFORCE.email)[0];
      const email = field && readEmail(field);
      if (field && email && !ctx.excludes(email)) return [{ key: { email }, anchor: field }];
    }
  }
  // A layout without the usual labels (a custom label, another language): the record's first
  // shown formatted email outside the highlights panel, which only repeats a field.
  const shown = deepQueryAll(page, SALESFORCE.email).filter(
    (el) => isShown(el) && !composedClosest(el, SALESFORCE.notTheRecord),
  );
  return firstAllowed(
    shown.flatMap((el) => {
      const email = readEmail(el);
      return email ? [{ key: { email }, anchor: el }] : [];
    }),
    ctx,
  );
}

export const salesforce: SiteAdapter = {
  id: 'salesforce',
  name: 'Salesforce Lightning',
  matches: ['https://*.lightning.force.com/*'],
  vendorDomains: ['salesforce.com', 'force.com'],
  handles: (url) => url.pathname.startsWith('/lightning/'),
  find: async (ctx) => {
    const { url } = ctx;
    const scope = openScope(ctx.doc);
    if (!scope) return []; // a console whose open tab is not known: no one rather than a tab behind it
    if (url.pathname.startsWith('/lightning/r/')) {
      // Without the record page element (another template, an older release) the shown layout
      // items of the whole page are the record's.
      const pages = deepQueryAll(scope, SALESFORCE.recordPage);
      const page = pages.find(isShown);
      return page ? readRecord(page, ctx) : pages.length ? [] : readRecord(scope, ctx);
    }
    return findBySelectors(scope, [SALESFORCE.listEmail]);
  },
};

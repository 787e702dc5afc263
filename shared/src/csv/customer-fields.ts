// The business-data fields a CSV column can be mapped to, zod-free so the dashboard's import can
// offer them without loading the schemas (customer.ts holds the schema and checks it is this list).

export const CUSTOMER_CSV_FIELDS = [
  'id',
  'email',
  'name',
  'account',
  'plan',
  'mrr',
  'currency',
  'acquiredAt',
  'acquisitionCost',
  'costToServe',
  'churnedAt',
  'owner',
] as const;
export type CustomerCsvField = (typeof CUSTOMER_CSV_FIELDS)[number];

/** The amounts: read with a decimal comma (`1.234,50` as 1234.5) in a file separated by semicolons. */
export const CUSTOMER_MONEY_FIELDS: ReadonlySet<string> = new Set(['mrr', 'acquisitionCost', 'costToServe']);

// What Stripe, HubSpot and Salesforce exports call these (their own column names, lower-cased
// and without spaces, dashes or underscores).
const SYNONYMS: Record<string, CustomerCsvField> = {
  customerid: 'id',
  contactid: 'id',
  recordid: 'id',
  externalid: 'id',
  emailaddress: 'email',
  fullname: 'name',
  contactname: 'name',
  company: 'account',
  companyname: 'account',
  accountname: 'account',
  product: 'plan',
  planname: 'plan',
  subscription: 'plan',
  monthlyrevenue: 'mrr',
  monthlyamount: 'mrr',
  monthlyrecurringrevenue: 'mrr',
  created: 'acquiredAt',
  createdat: 'acquiredAt',
  createdate: 'acquiredAt',
  signupdate: 'acquiredAt',
  cac: 'acquisitionCost',
  canceledat: 'churnedAt',
  cancelledat: 'churnedAt',
  churndate: 'churnedAt',
  contactowner: 'owner',
  accountowner: 'owner',
};

/** The field a column header most likely means (`Customer ID` → id, `MRR` → mrr), or undefined. */
export function guessCustomerField(header: string): CustomerCsvField | undefined {
  const key = header.toLowerCase().replace(/[\s_-]/g, '');
  return CUSTOMER_CSV_FIELDS.find((f) => f.toLowerCase() === key) ?? SYNONYMS[key];
}

import type { FollowUpStatus, Lookup } from '@moments/shared';

/** Who a page names: an email, or the customer id the business uses. */
export type CustomerKey = { email: string } | { id: string };

export const keyOf = (k: CustomerKey): string =>
  'email' in k ? `email:${k.email.toLowerCase()}` : `id:${k.id}`;

export type LookupFailure =
  | 'unconfigured'
  | 'unknown'
  | 'unauthorized'
  | 'unreachable'
  | 'throttled'
  | 'error';

export type LookupResult =
  | { ok: true; lookup: Lookup; fetchedAt: number; stale: boolean }
  | { ok: false; reason: LookupFailure; message: string };

/** Content script → background worker: the one protocol (the worker alone holds the token). */
export type Request =
  | { type: 'lookup'; key: CustomerKey; cached: boolean }
  | { type: 'watch'; customerIds: string[] }
  | { type: 'update-followup'; id: string; status: FollowUpStatus; note?: string }
  | { type: 'open-options' }
  | { type: 'page-config' };

export type Reply<R extends Request> = R extends { type: 'lookup' }
  ? LookupResult
  : R extends { type: 'update-followup' }
    ? { ok: true } | { ok: false; message: string }
    : R extends { type: 'page-config' }
      ? { enabled: boolean; selectors: string[]; agentEmails: string[]; companyDomains: string[] }
      : { ok: true };

/** Background worker → content scripts: a watched customer changed on the server. */
export type Push = { type: 'customer-updated'; customerId: string; result: LookupResult };

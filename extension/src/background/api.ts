import { ApiClientError, createApiClient, type FollowUpStatus } from '@moments/shared';
import type { CustomerKey, LookupFailure, LookupResult } from '../protocol.js';

type Failure = Extract<LookupResult, { ok: false }>;

import type { Settings } from '../settings.js';

/** The typed API client with the agent token; only the background worker builds one. */
export function clientFor(s: Settings) {
  return createApiClient({ baseUrl: s.serverUrl, token: s.token });
}

const FAILURE_MESSAGE: Record<LookupFailure, string> = {
  unconfigured: 'Set the Moments server and your agent token in the options.',
  unknown: 'This customer has no answers or business data in Moments yet.',
  unauthorized: 'Your agent token was revoked or is wrong. Set a new one in the options.',
  // Said only when nothing is cached: with earlier scores the badge shows them, marked not refreshed.
  unreachable:
    'The Moments server cannot be reached, and this browser has no earlier scores for this customer.',
  throttled:
    'Too many wrong tokens were tried from this address: the server refuses every token from it for a while. Wait, then reload.',
  error: 'The Moments server answered with an error.',
};

/** A failure as the overlay shows it. */
export function failure(reason: LookupFailure, detail?: string): Failure {
  return {
    ok: false,
    reason,
    message: detail ? `${FAILURE_MESSAGE[reason]} (${detail})` : FAILURE_MESSAGE[reason],
  };
}

/** Maps what a call threw to a failure: 401/403 revoked, 404 unknown, a network error unreachable. */
export function toFailure(err: unknown): Failure {
  if (err instanceof ApiClientError) {
    if (err.status === 401 || err.status === 403) return failure('unauthorized');
    if (err.status === 429) return failure('throttled', err.message);
    if (err.status === 404) return failure('unknown');
    return failure('error', `${err.status} ${err.message}`);
  }
  return failure('unreachable');
}

/** Everything the overlay shows of one customer, fresh from the server. */
export async function fetchLookup(s: Settings, key: CustomerKey): Promise<LookupResult> {
  if (!s.serverUrl || !s.token) return failure('unconfigured');
  try {
    const lookup = await clientFor(s).lookupCustomer(key);
    return { ok: true, lookup, fetchedAt: Date.now(), stale: false };
  } catch (err) {
    return toFailure(err);
  }
}

/** Who the token is (and the company's domains); undefined when unset, offline or refused. */
export async function fetchMe(s: Settings) {
  if (!s.serverUrl || !s.token) return undefined;
  return clientFor(s)
    .getMe()
    .catch(() => undefined);
}

export async function patchFollowUp(s: Settings, id: string, status: FollowUpStatus, note?: string) {
  try {
    await clientFor(s).updateFollowUp(id, { status, ...(note ? { note } : {}) });
    return { ok: true as const };
  } catch (err) {
    const f = toFailure(err);
    return {
      ok: false as const,
      message:
        f.reason === 'unreachable'
          ? 'The Moments server cannot be reached: the follow-up is unchanged. Try again when it is back.'
          : f.message,
    };
  }
}

/** The options page's check: is this server there, and does it take this token as an agent's? */
export async function checkConnection(
  serverUrl: string,
  token: string,
): Promise<{ ok: boolean; message: string }> {
  try {
    const me = await createApiClient({ baseUrl: serverUrl, token }).getMe();
    // The admin token works too, but it can do anything: it does not belong in a browser extension.
    if (me.role !== 'agent')
      return {
        ok: false,
        message:
          'This is the admin token, which can change anything: use an agent token (Dashboard → Settings → Agent tokens).',
      };
    return { ok: true, message: 'Connected: the server accepts this agent token.' };
  } catch (err) {
    if (err instanceof ApiClientError) {
      if (err.status === 401)
        return { ok: false, message: 'The server refused this token: it is wrong or revoked.' };
      if (err.status === 429)
        return {
          ok: false,
          message: `Too many wrong tokens were tried from this address: the server refuses every token from it for now (${err.message}). Wait, then check again.`,
        };
      return { ok: false, message: `The server answered ${err.status}: ${err.message}` };
    }
    return {
      ok: false,
      message: `Cannot reach ${serverUrl}: check the address and that the server is running.`,
    };
  }
}

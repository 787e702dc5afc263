import { ApiClientError, createApiClient, type ErrorBody, toPlainIssue } from '@moments/shared';

/** Fired when the server answers 401: the session ended, the app shows the sign-in. */
export const SIGNED_OUT_EVENT = 'moments:signed-out';

/** Every dashboard request: same-origin cookie plus the header the server's CSRF check wants. */
export async function dashboardFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('x-moments-csrf', '1');
  const res = await fetch(input, { ...init, headers, credentials: 'same-origin' });
  if (res.status === 401 && !String(input).endsWith('/app/session'))
    dispatchEvent(new Event(SIGNED_OUT_EVENT));
  return res;
}

export const api = createApiClient({ baseUrl: location.origin, fetch: dashboardFetch });

async function readError(res: Response): Promise<ApiClientError> {
  const body = (await res.json().catch(() => undefined)) as ErrorBody | undefined;
  return new ApiClientError(res.status, body);
}

/** Signs in with the admin token; the server answers with an HttpOnly session cookie. */
export async function signIn(token: string): Promise<void> {
  const res = await dashboardFetch('/app/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (!res.ok) throw await readError(res);
}

export async function signOut(): Promise<void> {
  await dashboardFetch('/app/session', { method: 'DELETE' });
}

export async function isSignedIn(): Promise<boolean> {
  const res = await dashboardFetch('/app/session');
  return res.ok && ((await res.json()) as { signedIn: boolean }).signedIn;
}

/** Downloads what a GET answers as a file (a plain link would not carry the CSRF header). */
export async function downloadFile(
  path: string,
  q: Record<string, string | number | boolean | undefined>,
  fileName: string,
) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  const res = await dashboardFetch(`${path}?${params}`);
  if (!res.ok) throw await readError(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads the response export of a filtered set as a file. */
export function downloadExport(
  siteId: string,
  format: 'csv' | 'ndjson',
  q: Record<string, string | number | boolean | undefined>,
) {
  return downloadFile(
    `/v1/sites/${encodeURIComponent(siteId)}/responses`,
    { format, ...q },
    `responses-${siteId}.${format}`,
  );
}

/** A message for a failed call, with the first failing fields when the server named them. */
export function describeError(err: unknown): string {
  if (err instanceof ApiClientError) {
    const issues = err.body?.error.issues?.slice(0, 3).map((i) => toPlainIssue(i.path, i.message));
    return issues?.length ? `${err.message} (${issues.join('; ')})` : err.message;
  }
  if (err instanceof TypeError) return 'The server could not be reached.';
  return err instanceof Error ? err.message : String(err);
}

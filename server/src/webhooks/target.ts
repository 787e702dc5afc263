import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import {
  assertPublicWithoutLookup,
  ForbiddenTargetError,
  hostOf,
  isPublicAddress,
} from './public-address.js';

export { assertPublicLiteral, ForbiddenTargetError, isPublicAddress } from './public-address.js';

/** How long saving a webhook waits for its name to resolve; past it, the delivery checks at connect time. */
const SAVE_LOOKUP_TIMEOUT_MS = 3000;

/** The addresses of a name, or undefined when it does not resolve within `ms`. */
async function lookupWithin(host: string, ms: number): Promise<string[] | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  const found = lookup(host, { all: true, verbatim: true }).then(
    (r) => r.map((a) => a.address),
    () => undefined,
  );
  try {
    return await Promise.race([found, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The addresses a webhook host resolves to, every one of them public, or ForbiddenTargetError.
 * `undefined` when the name does not resolve (now): the delivery checks again when it connects.
 */
export async function resolvePublicAddresses(url: URL): Promise<string[] | undefined> {
  // `localhost` names are refused even when they do not resolve here, as on the edge.
  assertPublicWithoutLookup(url);
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : await lookupWithin(host, SAVE_LOOKUP_TIMEOUT_MS);
  for (const a of addresses ?? []) if (!isPublicAddress(a)) throw new ForbiddenTargetError(a);
  return addresses;
}

/**
 * A `lookup` for node:http that resolves the name once and hands the connection only an address it
 * has checked: the address is pinned, so a DNS answer that changes between check and connect
 * (rebinding) cannot slip a private address in.
 */
export function lookupPublicOnly(
  hostname: string,
  options: { family?: number | string; all?: boolean },
  callback: (
    err: Error | null,
    address: string | { address: string; family: number }[],
    family?: number,
  ) => void,
): void {
  lookup(hostname, { all: true, verbatim: true }).then(
    (found) => {
      const bad = found.find((a) => !isPublicAddress(a.address));
      if (bad) return callback(new ForbiddenTargetError(bad.address), '');
      if (options.all) return callback(null, found);
      callback(null, found[0]!.address, found[0]!.family);
    },
    (err) => callback(err, ''),
  );
}

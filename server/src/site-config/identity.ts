import type { CustomerRef } from '@moments/shared';
import { hmacSha256Hex, timingSafeEqual } from '../http/crypto.js';
import { UnauthorizedError } from '../http/errors.js';
import type { SiteRecord } from '../sites/queries.js';

/**
 * Whether the signature is hex(HMAC-SHA256(secret, message)) under the site's secret, or under
 * the secret before the last rotation while its grace period lasts.
 */
export async function isSignedBySite(site: SiteRecord, message: string, signature: string): Promise<boolean> {
  const sig = signature.toLowerCase();
  for (const secret of [site.secret, site.previousSecret]) {
    if (secret && timingSafeEqual(await hmacSha256Hex(secret, message), sig)) return true;
  }
  return false;
}

/** Whether the signature is hex(HMAC-SHA256(site secret, customer id)). */
export function isSignatureValid(site: SiteRecord, customerId: string, signature: string): Promise<boolean> {
  return isSignedBySite(site, customerId, signature);
}

/**
 * Checks every customer a batch names: a wrong signature is always refused (401), and a missing
 * one too where the site requires signed identity, so nobody answers in another customer's name.
 */
export async function assertIdentities(
  site: SiteRecord,
  customers: (CustomerRef | undefined)[],
): Promise<void> {
  for (const customer of customers) {
    if (!customer) continue;
    if (!customer.signature) {
      if (site.requireSignedIdentity)
        throw new UnauthorizedError(`Customer ${customer.id} needs a signature`);
      continue;
    }
    if (!(await isSignatureValid(site, customer.id, customer.signature))) {
      throw new UnauthorizedError(`The signature for customer ${customer.id} is wrong`);
    }
  }
}

import type { CustomerRef } from '@moments/shared';
import { hmacSha256Hex, timingSafeEqual } from '../domain/crypto.js';
import { UnauthorizedError } from '../domain/errors.js';
import type { SiteRecord } from '../sites/queries.js';

/** Whether the signature is hex(HMAC-SHA256(site secret, customer id)). */
export async function isSignatureValid(
  site: SiteRecord,
  customerId: string,
  signature: string,
): Promise<boolean> {
  return timingSafeEqual(await hmacSha256Hex(site.secret, customerId), signature.toLowerCase());
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

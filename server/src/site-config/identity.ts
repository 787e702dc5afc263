import type { CustomerRef } from '@moments/shared';
import { hmacSha256Hex, timingSafeEqual } from '../domain/crypto.js';
import { UnauthorizedError } from '../domain/errors.js';
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

/** The message an email signature covers: the customer id and the email, a newline between. */
export const emailSignatureMessage = (customerId: string, email: string) => `${customerId}\n${email}`;

/**
 * Checks every customer a batch names: a wrong signature is always refused (401), and a missing
 * one too where the site requires signed identity, so nobody answers in another customer's name.
 * An `emailSignature` (id and email signed together) vouches for both. An email it does not cover
 * is dropped where the site requires signed identity; elsewhere it is only a claim, which
 * touchCustomers stores only when nobody else holds that email.
 */
export async function assertIdentities(
  site: SiteRecord,
  customers: (CustomerRef | undefined)[],
): Promise<void> {
  for (const customer of customers) {
    if (!customer) continue;
    if (customer.emailSignature) {
      const ok =
        customer.email !== undefined &&
        (await isSignedBySite(
          site,
          emailSignatureMessage(customer.id, customer.email),
          customer.emailSignature,
        ));
      if (!ok) throw new UnauthorizedError(`The email signature for customer ${customer.id} is wrong`);
    }
    if (customer.signature) {
      if (!(await isSignatureValid(site, customer.id, customer.signature)))
        throw new UnauthorizedError(`The signature for customer ${customer.id} is wrong`);
    } else if (site.requireSignedIdentity && !customer.emailSignature) {
      throw new UnauthorizedError(`Customer ${customer.id} needs a signature`);
    }
    if (site.requireSignedIdentity && !customer.emailSignature) delete customer.email;
  }
}

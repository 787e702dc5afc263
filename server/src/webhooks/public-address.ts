import ipaddr from 'ipaddr.js';

/** A webhook target that may not be reached: loopback, private, link-local, metadata and the like. */
export class ForbiddenTargetError extends Error {
  constructor(readonly address: string) {
    super('address not allowed');
  }
}

/**
 * Whether the address is an ordinary public one. ipaddr.js classifies it (an IPv4-mapped IPv6
 * address as its IPv4); anything but `unicast` is refused: loopback, private (RFC 1918), unique
 * local (fc00::/7, so fd00:ec2::254 too), link-local (169.254/16, the cloud metadata address
 * 169.254.169.254 among them), carrier-grade NAT (100.64/10, Alibaba's metadata), unspecified,
 * multicast, reserved, and the NAT64/6to4/Teredo and IPv4-compatible forms that embed another address.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  // ::a.b.c.d (IPv4-compatible, deprecated by RFC 4291) names an IPv4 address; ipaddr.js calls it unicast.
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)) return false;
  return ip.range() === 'unicast';
}

/** A URL's host without IPv6 brackets. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** Throws ForbiddenTargetError when the URL names a literal address that is not public. */
export function assertPublicLiteral(url: URL): void {
  const host = hostOf(url);
  if (ipaddr.isValid(host) && !isPublicAddress(host)) throw new ForbiddenTargetError(host);
}

/**
 * The check that needs no DNS (Workers resolve no names themselves): a literal address that is not
 * public, or a name that always means this machine (`localhost`, `*.localhost`, RFC 6761), is refused.
 */
export function assertPublicWithoutLookup(url: URL): void {
  assertPublicLiteral(url);
  const host = hostOf(url).toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) throw new ForbiddenTargetError(host);
}

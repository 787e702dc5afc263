// Which mail domain a web host belongs to: free of zod, so the extension's content script can
// import it at no cost beyond these lines.

/** The domain a host belongs to (`shop.acme.com` → `acme.com`; `a.b.co.uk` → `b.co.uk`; an IP stays as is). */
export function getSiteDomain(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (/^[\d.]+$/.test(h) || h.includes(':') || !h.includes('.')) return h;
  const parts = h.split('.');
  const n = parts.length >= 3 && parts.at(-2)!.length <= 3 && parts.at(-1)!.length === 2 ? 3 : 2;
  return parts.slice(-n).join('.');
}

/** The company's own mail domains, from the origins its sites allow (IPs and localhost dropped). */
export function getCompanyDomains(origins: string[]): string[] {
  const out = new Set<string>();
  for (const o of origins) {
    let host: string;
    try {
      host = new URL(o).hostname;
    } catch {
      continue;
    }
    const d = getSiteDomain(host);
    if (d.includes('.') && !/^[\d.]+$/.test(d)) out.add(d);
  }
  return [...out].sort();
}

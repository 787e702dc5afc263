import { describe, expect, it } from 'vitest';
import { getCompanyDomains, getSiteDomain } from './domains.js';

describe('company domains', () => {
  it('takes the domain a host belongs to', () => {
    expect(getSiteDomain('crm.acme.com')).toBe('acme.com');
    expect(getSiteDomain('a.b.co.uk')).toBe('b.co.uk');
    expect(getSiteDomain('127.0.0.1')).toBe('127.0.0.1');
    expect(getSiteDomain('localhost')).toBe('localhost');
  });

  it("reads them from a site's allowed origins, once each, without IPs or localhost", () => {
    expect(
      getCompanyDomains([
        'https://shop.acme.com',
        'https://www.acme.com',
        'http://localhost:8787',
        'http://127.0.0.1',
        'nonsense',
      ]),
    ).toEqual(['acme.com']);
  });
});

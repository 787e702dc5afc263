import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_BUILD } from '../support/extension.js';

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

describe('the extension builds', () => {
  it('asks for no host up front: CRM hosts are optional and the overlay script is registered at runtime', () => {
    const m = manifest(EXTENSION_BUILD);
    expect(m.manifest_version).toBe(3);
    expect(m.host_permissions).toBeUndefined();
    expect(m.content_scripts).toBeUndefined();
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    expect(m.permissions.sort()).toEqual(['scripting', 'storage']);
    expect(m.background.service_worker).toBe('background.js');
    expect(readFileSync(join(EXTENSION_BUILD, 'crm.js'), 'utf8').length).toBeGreaterThan(1000);
  });

  it('builds for Firefox too, with its background script and add-on id', () => {
    const m = manifest(join(EXTENSION_BUILD, '../firefox-mv3'));
    expect(m.manifest_version).toBe(3);
    expect(m.background.scripts).toEqual(['background.js']);
    expect(m.browser_specific_settings.gecko.id).toBe('agent@moments.example');
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  });
});

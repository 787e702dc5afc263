import { defineConfig } from 'wxt';

// Chrome and Firefox MV3 from one source. CRM hosts and the Moments server are optional
// permissions, asked for per domain from the options page, never all up front.
export default defineConfig({
  srcDir: '.',
  // One promise-based `browser.*` in Chrome and Firefox (wxt/browser resolves to webextension-polyfill).
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  zip: {
    artifactTemplate: 'moments-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'moments-{{version}}-sources.zip',
  },
  // Preact's JSX (Vite 8 transforms with oxc).
  vite: () => ({ oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } } }),
  manifest: {
    name: 'Moments for support agents',
    description: "A customer's CX scores, trend, comments, value and open follow-ups beside the ticket.",
    permissions: ['storage', 'scripting'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    browser_specific_settings: {
      gecko: {
        id: 'agent@moments.example',
        strict_min_version: '128.0',
        // The extension sends nothing to us: only to the Moments server the agent sets.
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
});

import { defineConfig } from 'wxt';

// Chrome and Firefox MV3 from one source. CRM hosts are optional permissions, asked for per
// domain from the options page, never all up front.
export default defineConfig({
  srcDir: '.',
  manifestVersion: 3,
  manifest: {
    name: 'Moments for support agents',
    description: "A customer's CX scores, trend, comments, value and open follow-ups beside the ticket.",
    permissions: ['storage', 'scripting'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
  },
});

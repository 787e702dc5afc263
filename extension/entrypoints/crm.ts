import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { startContent } from '../src/content/main.js';

// Registered at runtime (scripting.registerContentScripts) on the CRM hosts the agent enabled and
// granted; injected once per page even when the worker injects it into an open tab again.
export default defineUnlistedScript(() => {
  const w = window as unknown as { __momentsCrm?: boolean };
  if (w.__momentsCrm) return;
  w.__momentsCrm = true;
  void startContent();
});

import { type Command, createMoments } from './create-moments.js';

declare const __SURVEY_CHUNK__: string;
declare const __OUTBOX_CHUNK__: string;

// The script tag: <script async src="{server}/w.js" data-site="pk_…"></script>, with the stub
// `window.moments = window.moments || function () { (moments.q = moments.q || []).push(arguments) }`
// so calls made before this loads are queued and replayed.
(() => {
  const w = window as unknown as {
    moments?: ((...a: unknown[]) => void) & { q?: ArrayLike<unknown>[]; loaded?: 1 };
  };
  if (w.moments?.loaded) return;
  const script = (document.currentScript ??
    document.querySelector('script[data-site]')) as HTMLScriptElement | null;
  const site = script?.dataset.site;
  if (!script || !site) return;
  const server = new URL(script.src).origin;
  const moments = createMoments({
    site,
    server,
    chunkUrl: `${server}/${__SURVEY_CHUNK__}`,
    outboxUrl: `${server}/${__OUTBOX_CHUNK__}`,
  });
  const queued = Array.from(w.moments?.q ?? [], (args) => Array.from(args) as Command);
  const api = (...args: unknown[]) => moments.call(...(args as [string, ...unknown[]]));
  api.loaded = 1 as const;
  w.moments = api;
  moments.start(queued);
})();

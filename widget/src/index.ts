// The npm entry for single-page apps: `import { init } from '@moments/widget'`.
import { type Command, createMoments } from './loader/create-moments.js';

declare const __SURVEY_CHUNK__: string;
declare const __OUTBOX_CHUNK__: string;

/**
 * Starts the widget without a script tag; `server` is the Moments origin (the survey UI chunk is
 * loaded from it when a survey is due). Returns `moments(command, …args)`, the same commands as
 * the script tag: identify, track, reset, show.
 */
export function init(opts: { site: string; server: string; queued?: Command[] }) {
  const moments = createMoments({
    site: opts.site,
    server: opts.server,
    chunkUrl: `${opts.server}/${__SURVEY_CHUNK__}`,
    outboxUrl: `${opts.server}/${__OUTBOX_CHUNK__}`,
  });
  moments.start(opts.queued ?? []);
  return (name: string, ...args: unknown[]) => moments.call(name, ...args);
}

import type { SiteConfig } from '@moments/shared';
import { getEligibleSurveyIds } from '@moments/shared/policy';
import type { Identity, MountedSurvey, MountOptions, WidgetSurvey } from '../types.js';
import { loadHistory, recordContact } from './history.js';
import { makeId, readJson, writeJson } from './storage.js';
import { matchesUrl } from './url-rules.js';

type SurveyChunk = { mountSurvey: (o: MountOptions) => MountedSurvey };
type OutboxChunk = { flushOutbox: () => Promise<void> };
export type Command = [name: string, ...args: unknown[]];

/** The flag the outbox sets while answers wait to be delivered, so the next page load resends them. */
export const PENDING_KEY = 'moments:pending';
/** Tracked moments wait here (synchronously written, so a page that unloads at once keeps them) for the outbox. */
const EVENTS_KEY = 'moments:events';
const ANON_KEY = 'moments:anon';
const IDENTITY_KEY = 'moments:identity';

/**
 * The widget's brain: identity, tracked moments, triggers, the contact policy, and the survey chunk
 * loaded only once a survey is due. `server` is the Moments origin, `site` the public key.
 */
export function createMoments(opts: { site: string; server: string; chunkUrl: string; outboxUrl: string }) {
  const api = `${opts.server}/v1/sites/${encodeURIComponent(opts.site)}`;
  let identity = readJson<Identity | null>(IDENTITY_KEY, null);
  let anonymousId = readJson<string>(ANON_KEY, '') || makeId();
  writeJson(ANON_KEY, anonymousId);
  let config: SiteConfig | undefined;
  let configLoad: Promise<void> | undefined;
  let current: { id: string; mounted?: MountedSurvey } | undefined;
  let chunk: Promise<SurveyChunk> | undefined;
  const loadChunk = () => {
    chunk ??= import(/* @vite-ignore */ opts.chunkUrl) as Promise<SurveyChunk>;
    return chunk;
  };
  // The durable outbox (IndexedDB, batches, backoff, beacon), loaded once there is something to send.
  const flush = () =>
    (import(/* @vite-ignore */ opts.outboxUrl) as Promise<OutboxChunk>)
      .then((m) => m.flushOutbox())
      .catch(() => undefined);

  const locale = () => (document.documentElement.lang || navigator.language || 'en').toLowerCase();

  function fetchConfig() {
    const q = identity
      ? `?customer=${encodeURIComponent(identity.id)}${identity.signature ? `&sig=${identity.signature}` : ''}`
      : '';
    configLoad = fetch(`${api}/config${q}`)
      .then((r) => (r.ok ? r.json() : undefined))
      .then((c: SiteConfig | undefined) => {
        config = c;
        if (c) onPage();
      })
      .catch(() => undefined);
    return configLoad;
  }

  function targets(s: WidgetSurvey): boolean {
    const href = location.href;
    if (s.targeting.urls.length && !s.targeting.urls.some((r) => matchesUrl(r, href))) return false;
    if (s.trigger.type === 'pageview' && !matchesUrl(s.trigger.url, href)) return false;
    const lang = locale();
    return !s.targeting.locales.length || s.targeting.locales.some((l) => lang.startsWith(l.toLowerCase()));
  }

  /** A trigger fired for these surveys: show the highest-priority one the policy allows, if none is on screen. */
  function fire(surveys: WidgetSurvey[], focus = false, force = false) {
    if (current || !config) return;
    // The contact policy on this browser's history, always. A verified customer's surveys are first
    // those the server allows across devices: its list dates from the page load, before any survey
    // this page showed (a second moment on the page must not ask them again). Sampled as the server
    // samples: by customer id.
    const { eligible } = config;
    const [id] = getEligibleSurveyIds(
      surveys.filter((s) => (!eligible || eligible.includes(s.id)) && targets(s)),
      config.contactPolicy,
      loadHistory(),
      identity?.id ?? anonymousId,
    );
    // `show` forces its one survey past the policy and the targeting.
    const survey = force ? surveys[0] : surveys.find((s) => s.id === id);
    if (!survey) return;
    const entry: { id: string; mounted?: MountedSurvey } = { id: survey.id };
    current = entry;
    const show = () => {
      if (current !== entry || (!force && !targets(survey))) {
        if (current === entry) current = undefined;
        return;
      }
      recordContact('shown', survey.id);
      loadChunk()
        .then((m) => {
          if (current !== entry) return;
          entry.mounted = m.mountSurvey({
            survey,
            config: config!,
            api,
            identity: identity ?? undefined,
            anonymousId,
            locale: locale(),
            focus,
            onClose: (how) => {
              if (how !== 'dismissed') recordContact(how, survey.id);
              if (current === entry) current = undefined;
            },
          });
        })
        .catch(() => {
          if (current === entry) current = undefined;
        });
    };
    setTimeout(show, survey.delaySeconds * 1000);
  }

  const byTrigger = (type: WidgetSurvey['trigger']['type']) =>
    (config?.surveys ?? []).filter((s) => s.trigger.type === type);

  /** On load and on every SPA route change: page-view surveys, and withdrawing one whose page is gone. */
  function onPage() {
    if (current && config) {
      const s = config.surveys.find((x) => x.id === current!.id);
      if (s && !targets(s)) {
        current.mounted?.withdraw();
        current = undefined;
      }
    }
    fire(byTrigger('pageview'));
    for (const s of byTrigger('time_on_page')) {
      if (s.trigger.type === 'time_on_page') setTimeout(() => fire([s]), s.trigger.seconds * 1000);
    }
  }

  const whenReady = (fn: () => void) => (config ? fn() : configLoad?.then(fn));

  const commands: Record<string, (...args: never[]) => void> = {
    identify(user: Identity) {
      if (!user?.id) return;
      identity = user;
      writeJson(IDENTITY_KEY, user);
      if (configLoad) fetchConfig();
    },
    track(name: string, props?: Record<string, unknown>) {
      writeJson(EVENTS_KEY, [
        ...readJson<unknown[]>(EVENTS_KEY, []),
        [
          api,
          {
            id: makeId(),
            name,
            anonymousId,
            ...(identity ? { customer: identity } : {}),
            ...(props ? { props } : {}),
            createdAt: new Date().toISOString(),
          },
        ],
      ]);
      flush();
      const run = () =>
        fire(
          byTrigger('event').filter((s) => {
            const t = s.trigger as { event?: string; props?: Record<string, unknown> };
            return (
              (t.event ?? s.moment) === name &&
              Object.entries(t.props ?? {}).every(([k, v]) => props?.[k] === v)
            );
          }),
        );
      whenReady(run);
    },
    reset() {
      identity = null;
      writeJson(IDENTITY_KEY, null);
      anonymousId = makeId();
      writeJson(ANON_KEY, anonymousId);
      fetchConfig();
    },
    show(surveyId: string) {
      const run = () =>
        fire(
          (config?.surveys ?? []).filter((s) => s.id === surveyId),
          true,
          true,
        );
      whenReady(run);
    },
  };

  function start(queued: Command[]) {
    for (const [name, ...args] of queued) commands[name]?.(...(args as never[]));
    fetchConfig();
    // Single-page apps: a route change is a page view.
    for (const method of ['pushState', 'replaceState'] as const) {
      const original = history[method];
      history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
        const result = original.apply(this, args);
        setTimeout(onPage, 0);
        return result;
      };
    }
    addEventListener('popstate', () => onPage());
    document.addEventListener('click', (e) => {
      const target = e.target as Element | null;
      const hits = byTrigger('click').filter(
        (s) => s.trigger.type === 'click' && target?.closest?.(s.trigger.selector),
      );
      if (hits.length) fire(hits, true);
    });
    if (matchMedia('(pointer: fine)').matches) {
      document.addEventListener('mouseout', (e) => {
        if (!e.relatedTarget && e.clientY <= 0) fire(byTrigger('exit_intent'));
      });
    }
    addEventListener(
      'scroll',
      () => {
        const depth = ((scrollY + innerHeight) / Math.max(1, document.documentElement.scrollHeight)) * 100;
        fire(byTrigger('scroll').filter((s) => s.trigger.type === 'scroll' && depth >= s.trigger.percent));
      },
      { passive: true },
    );
    // Answers, displays or moments an earlier page could not deliver.
    if (readJson(PENDING_KEY, 0) || readJson<unknown[]>(EVENTS_KEY, []).length) flush();
  }

  return {
    start,
    call: (name: string, ...args: unknown[]) => commands[name]?.(...(args as never[])),
  };
}

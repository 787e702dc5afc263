import {
  type CustomerRow,
  type Display,
  SiteCreateSchema,
  type SurveyResponse,
  type TrackedEvent,
} from '@moments/shared';
import { upsertCustomers } from '../customers/upsert.js';
import type { Db } from '../db/index.js';
import { makeToken } from '../domain/crypto.js';
import { saveResponses } from '../ingest/save-responses.js';
import { saveDisplays, saveEvents } from '../ingest/save-signals.js';
import { insertSite, type SiteRecord } from '../sites/queries.js';
import { insertSurvey } from '../surveys/queries.js';
import { type CommentTheme, writeComment } from './comments.js';
import { createRandom, type Random } from './random.js';
import { DEMO_SURVEYS } from './surveys.js';

const DAY = 86_400_000;
const TEAMS: Record<string, string[]> = {
  Billing: ['Ada Byrne', 'Luis Ortega', 'Mei Tanaka'],
  Technical: ['Sam Okafor', 'Priya Nair', 'Jonas Berg'],
  Onboarding: ['Chloé Martin', 'Tom Walsh', 'Aisha Khan'],
  Returns: ['Nina Rossi', 'Omar Haddad', 'Lena Vogel'],
};
const PLANS = [
  { plan: 'free', share: 0.4, mrr: [0, 0], cac: [5, 20] },
  { plan: 'starter', share: 0.35, mrr: [29, 49], cac: [60, 140] },
  { plan: 'pro', share: 0.2, mrr: [99, 199], cac: [250, 600] },
  { plan: 'enterprise', share: 0.05, mrr: [800, 3000], cac: [3000, 9000] },
] as const;
/** A comment after a ticket, from one draw: a complaint about support, or praise that is mostly about the help. */
function writeTicketComment(csat: number, v: number): string {
  if (csat <= 2) return writeComment('support', 'ticket_closed', true, v);
  const themes = ['support', 'support', 'speed', 'price', 'ease'] as const;
  // The draw's whole part picks the theme, its remainder the wording.
  return writeComment(
    themes[Math.floor(v * themes.length)]!,
    'ticket_closed',
    false,
    (v * themes.length) % 1,
  );
}

type Person = CustomerRow & { latent: number; acquired: number; churned?: number; email: string };

/** The item whose cumulative share first passes u (u in [0, 1)). */
function pickWeighted<T extends { share: number }>(items: readonly T[], u: number): T {
  let cumulative = 0;
  for (const item of items) {
    cumulative += item.share;
    if (u < cumulative) return item;
  }
  return items[items.length - 1]!;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));

function makeCustomers(rnd: Random, count: number, now: number): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const tier = pickWeighted(PLANS, rnd.next());
    const latent = rnd.normal(tier.plan === 'enterprise' ? 0.3 : tier.plan === 'free' ? -0.2 : 0, 1);
    const acquired = now - rnd.int(20, 720) * DAY;
    // Unhappy customers leave more often: the link the value report shows.
    const churnChance = 0.08 + 0.12 * Math.max(0, -latent);
    const churned = rnd.chance(churnChance)
      ? Math.max(acquired + 30 * DAY, now - rnd.int(1, 180) * DAY)
      : undefined;
    const id = `cus_${(1000 + i).toString(36)}${rnd.int(100, 999)}`;
    return {
      id,
      email: `customer${i + 1}@example.com`,
      name: `Customer ${i + 1}`,
      account: `Account ${Math.floor(i / 3) + 1}`,
      plan: tier.plan,
      mrr: rnd.int(tier.mrr[0], tier.mrr[1]),
      currency: 'EUR',
      acquiredAt: new Date(acquired).toISOString(),
      acquisitionCost: rnd.int(tier.cac[0], tier.cac[1]),
      costToServe: Math.round(rnd.int(tier.mrr[0], tier.mrr[1]) * 0.15 + rnd.int(1, 10)),
      churnedAt: churned && churned < now ? new Date(churned).toISOString() : undefined,
      owner: rnd.pick(Object.values(TEAMS).flat()),
      latent,
      acquired,
      churned: churned && churned < now ? churned : undefined,
    };
  });
}

/** Everything one demo run stores, built in memory first so it can go in through the real ingest path. */
function makeJourneys(rnd: Random, people: Person[], now: number) {
  const start = now - 182 * DAY;
  const responses: SurveyResponse[] = [];
  const displays: Display[] = [];
  const events: TrackedEvent[] = [];
  let seq = 0;
  const nextId = (p: string) => `${p}-${(++seq).toString(36).padStart(7, '0')}`;

  for (const person of people) {
    const anonymousId = `anon-${person.id}`;
    const customer = { id: person.id, email: person.email };
    const moments: { moment: string; at: number }[] = [];
    if (person.acquired > start) moments.push({ moment: 'signup_completed', at: person.acquired + 7 * DAY });
    const end = person.churned ?? now;
    for (let i = rnd.int(2, 9); i > 0; i--)
      moments.push({
        moment: 'checkout_completed',
        at: rnd.int(Math.max(start, person.acquired), end - DAY),
      });
    for (let i = rnd.int(0, 4); i > 0; i--)
      moments.push({ moment: 'ticket_closed', at: rnd.int(Math.max(start, person.acquired), end - DAY) });
    if (person.churned && person.churned > start)
      moments.push({ moment: 'cancel_started', at: person.churned - DAY });

    for (const { moment, at } of moments.filter((m) => m.at > start && m.at < now - 3_600_000)) {
      const createdAt = new Date(at).toISOString();
      events.push({ id: nextId('evt'), name: moment, anonymousId, customer, createdAt });
      const survey = DEMO_SURVEYS.find((s) => s.moment === moment)!;
      if (!rnd.chance(0.6)) continue;
      displays.push({
        id: nextId('dsp'),
        surveyId: survey.id!,
        anonymousId,
        customer,
        kind: 'shown',
        createdAt,
      });
      if (!rnd.chance(moment === 'cancel_started' ? 0.55 : 0.38)) continue;
      const team = rnd.pick(Object.keys(TEAMS));
      const agent = rnd.pick(TEAMS[team]!);
      const progress = (at - start) / (now - start);
      const answers = answerSurvey(rnd, survey.id!, person.latent, team, progress);
      // About one in twelve customers answers the first question and leaves: a partial response.
      // Chosen by position, not by the random stream, so the rest of the demo stays as it was.
      const partial = answers.length > 1 && responses.length % 12 === 7;
      responses.push({
        id: nextId('rsp'),
        surveyId: survey.id!,
        answers: partial ? answers.slice(0, 1) : answers,
        ...(partial ? { complete: false } : {}),
        customer,
        anonymousId,
        moment,
        context:
          moment === 'ticket_closed' ? { agent, team, ticketId: `T-${rnd.int(10000, 99999)}` } : undefined,
        locale: rnd.chance(0.15) ? 'fr' : 'en',
        createdAt: new Date(at + rnd.int(1, 600) * 1000).toISOString(),
      });
    }
  }
  return { responses, displays, events };
}

function answerSurvey(
  rnd: Random,
  surveyId: string,
  latent: number,
  team: string,
  progress: number,
): SurveyResponse['answers'] {
  const rate = (weight: number, shift = 0) =>
    clamp(3.4 + shift + 0.9 * (weight * latent + rnd.normal(0, 0.8)), 1, 5);
  if (surveyId === 'checkout-nps' || surveyId === 'cancel-reason') {
    const drivers = { speed: rate(0.6, 0.1), price: rate(0.3, 0.2), ease: rate(0.8, -0.5) };
    // Ease moves NPS most, then speed; price barely: what the driver report should find.
    const z = 0.45 * (drivers.speed - 3) + 0.15 * (drivers.price - 3) + 0.8 * (drivers.ease - 3);
    const nps = clamp(
      7.7 + 1.1 * z + 0.6 * latent + rnd.normal(0, 1.1) - (surveyId === 'cancel-reason' ? 3 : 0),
      0,
      10,
    );
    const answers: SurveyResponse['answers'] = [{ questionId: 'nps', value: nps }];
    if (surveyId === 'cancel-reason') {
      answers.push({
        questionId: 'reason',
        value: rnd.pick(['price', 'price', 'quality', 'support', 'other']),
      });
      if (rnd.chance(0.5))
        answers.push({
          questionId: 'comment',
          value: writeComment(
            rnd.pick(['price', 'speed', 'support'] as const),
            'cancel_started',
            true,
            rnd.next(),
          ),
        });
      return answers;
    }
    for (const [k, v] of Object.entries(drivers))
      if (rnd.chance(0.85)) answers.push({ questionId: k, value: v });
    if (nps <= 6 && rnd.chance(0.6)) {
      const worst = Object.entries(drivers).sort((a, b) => a[1] - b[1])[0]![0];
      answers.push({
        questionId: 'improve',
        value: writeComment(worst as CommentTheme, 'checkout_completed', true, rnd.next()),
      });
    }
    return answers;
  }
  if (surveyId === 'ticket-csat') {
    // Billing starts weak and improves over the six months: the "most improved" team.
    const teamShift = team === 'Billing' ? -0.9 + 1.4 * progress : team === 'Technical' ? 0.2 : 0;
    const support = rate(0.4, teamShift);
    const csat = clamp(support + rnd.normal(0.1, 0.6), 1, 5);
    const answers: SurveyResponse['answers'] = [
      { questionId: 'csat', value: csat },
      { questionId: 'support', value: support },
    ];
    if (rnd.chance(0.35))
      answers.push({
        questionId: 'comment',
        // Praise after a ticket is mostly about the help, sometimes about the order itself.
        value: writeTicketComment(csat, rnd.next()),
      });
    return answers;
  }
  // CES 2.0: 1 = very difficult … 7 = very easy; happier customers found it easier.
  const ces = clamp(5 + 0.9 * latent + rnd.normal(0, 1), 1, 7);
  const answers: SurveyResponse['answers'] = [{ questionId: 'ces', value: ces }];
  if (ces <= 3 && rnd.chance(0.5))
    answers.push({
      questionId: 'comment',
      value: writeComment('setup', 'signup_completed', true, rnd.next()),
    });
  return answers;
}

async function inBatches<T>(items: T[], save: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += 100) await save(items.slice(i, i + 100));
}

/** Seeds a demo site: four funnel surveys, customers with business data, six months of answers. */
export async function seedDemo(db: Db, opts: { customers?: number; seed?: number; now?: number } = {}) {
  // Anchored to the start of today (UTC), so a day's runs store the same data.
  const now = opts.now ?? Math.floor(Date.now() / DAY) * DAY;
  const rnd = createRandom(opts.seed ?? 20261122);
  const site: SiteRecord = await insertSite(db, {
    ...SiteCreateSchema.parse({ name: 'Demo Shop', theme: { brandColor: '#0f766e' } }),
    id: 'site_demo',
    publicKey: 'pk_demo_shop',
    secret: makeToken('sk_'),
  });

  for (const s of DEMO_SURVEYS) await insertSurvey(db, site.id, s.id!, s);
  const people = makeCustomers(rnd, opts.customers ?? 3000, now);
  await upsertCustomers(
    db,
    site.id,
    people.map(({ latent: _l, acquired: _a, churned: _c, ...row }, i) => ({ row: i + 1, data: row })),
  );
  const { responses, displays, events } = makeJourneys(rnd, people, now);
  await inBatches(events, (b) => saveEvents(db, site, b));
  await inBatches(displays, (b) => saveDisplays(db, site, b));
  await inBatches(responses, (b) => saveResponses(db, site, b));
  // The demo is six months of history seeded at once: its follow-ups opened as their answers came
  // in (a live server opens each when the answer arrives), so the queue's ages mean something.
  await db.run(
    `UPDATE followups SET opened_at = (SELECT r.created_at FROM responses r
       WHERE r.site_id = followups.site_id AND r.id = followups.response_id),
     updated_at = (SELECT r.created_at FROM responses r WHERE r.site_id = followups.site_id AND r.id = followups.response_id)
     WHERE site_id = ?`,
    [site.id],
  );
  return {
    site,
    counts: {
      customers: people.length,
      responses: responses.length,
      displays: displays.length,
      events: events.length,
    },
  };
}

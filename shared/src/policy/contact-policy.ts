import type { ContactPolicy } from '../schemas/site.js';
import type { Frequency } from '../schemas/survey.js';

const DAY_MS = 86_400_000;

/** What is known of one person's past contacts on a site (epoch ms; undefined = never). */
export interface ContactHistory {
  /** Last time any survey was shown to or answered by them. */
  lastContactAt?: number;
  /** How many surveys were shown to them in the last 30 days. */
  shownLast30Days: number;
  /** They asked not to be surveyed again. */
  optedOut: boolean;
  lastShownAt: Record<string, number | undefined>;
  lastAnsweredAt: Record<string, number | undefined>;
}

/** The fields of a survey the contact policy reads. */
export interface PolicySurvey {
  id: string;
  priority: number;
  frequency: Frequency;
  targeting: { sampleRate: number };
}

/** A stable number in [0, 1) from a string (FNV-1a), so sampling gives the same answer every visit. */
export function getSampleFraction(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

/** Whether a survey's frequency lets it show again, given when it was last shown and answered. */
export function allowedByFrequency(
  f: Frequency,
  shown?: number,
  answered?: number,
  now = Date.now(),
): boolean {
  if (f.type === 'once') return shown === undefined && answered === undefined;
  if (f.type === 'until_answered') return answered === undefined;
  const last = Math.max(shown ?? -Infinity, answered ?? -Infinity);
  return now - last >= f.days * DAY_MS;
}

/**
 * The ids of the surveys this person may be shown now, highest priority first: nobody is asked
 * within the recontact window of their last contact, over the monthly cap, after opting out, more
 * often than a survey's frequency allows, or outside its sample.
 */
export function getEligibleSurveyIds(
  surveys: PolicySurvey[],
  policy: ContactPolicy,
  history: ContactHistory,
  subjectId: string,
  now = Date.now(),
): string[] {
  if (history.optedOut) return [];
  if (history.lastContactAt !== undefined && now - history.lastContactAt < policy.recontactDays * DAY_MS)
    return [];
  if (policy.maxPerMonth > 0 && history.shownLast30Days >= policy.maxPerMonth) return [];
  return surveys
    .filter((s) =>
      allowedByFrequency(s.frequency, history.lastShownAt[s.id], history.lastAnsweredAt[s.id], now),
    )
    .filter((s) => getSampleFraction(`${subjectId}:${s.id}`) < s.targeting.sampleRate)
    .sort((a, b) => b.priority - a.priority)
    .map((s) => s.id);
}

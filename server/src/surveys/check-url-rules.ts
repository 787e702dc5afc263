import type { SurveyCreate, SurveyUpdate } from '@moments/shared';
import { check, checkSync } from 'recheck';
import { type Issue, ValidationError } from '../domain/errors.js';

/** How long one pattern may take to be proven safe; past it, the pattern is refused. */
const CHECK_TIMEOUT_MS = 5_000;

/**
 * On Cloudflare Workers recheck cannot start its Web Worker (workerd has none, nor blob URLs): the
 * check runs in this thread there (checkSync, the same analysis and timeout, in the request's CPU time).
 */
const onWorkers = typeof navigator !== 'undefined' && navigator.userAgent === 'Cloudflare-Workers';

type UrlRule = { match: string; value: string };

function listUrlRules(s: SurveyCreate | SurveyUpdate): [string, UrlRule][] {
  const rules: [string, UrlRule][] = s.targeting.urls.map((r, i) => [`targeting.urls.${i}.value`, r]);
  if (s.trigger.type === 'pageview') rules.push(['trigger.url.value', s.trigger.url]);
  return rules.filter(([, r]) => r.match === 'regex');
}

/** Why a URL-rule regex may not be saved, or undefined when it is safe to run on visitors' pages. */
async function findRegexProblem(source: string): Promise<string | undefined> {
  try {
    new RegExp(source);
  } catch {
    return 'is not a valid regular expression';
  }
  // recheck (a ReDoS checker: automaton analysis, then fuzzing) proves the pattern runs in linear time.
  const d = onWorkers
    ? checkSync(source, '', { timeout: CHECK_TIMEOUT_MS })
    : await check(source, '', { timeout: CHECK_TIMEOUT_MS });
  if (d.status === 'safe') return undefined;
  if (d.status === 'vulnerable')
    return `can take ${d.complexity.type} time on some URLs (catastrophic backtracking); simplify it, e.g. avoid nested or overlapping repeats`;
  return 'could not be shown to run in linear time; simplify it';
}

/** Refuses (400) a survey whose regex URL rules are invalid or could freeze a visitor's page. */
export async function assertSafeUrlRules(s: SurveyCreate | SurveyUpdate): Promise<void> {
  const issues: Issue[] = [];
  for (const [path, rule] of listUrlRules(s)) {
    const problem = await findRegexProblem(rule.value);
    if (problem) issues.push({ path, message: `the regex ${problem}` });
  }
  if (issues.length) throw new ValidationError(issues, 'A URL rule is not safe to run');
}

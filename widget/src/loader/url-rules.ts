import type { UrlRule } from '@moments/shared';

const NESTED_QUANTIFIER = /\([^)]*[*+}][^)]*\)[*+{]/;

/** Whether the page URL meets a rule; `exact` compares the whole URL or its path. */
export function matchesUrl(rule: UrlRule, href: string): boolean {
  if (rule.match === 'contains') return href.includes(rule.value);
  if (rule.match === 'exact') {
    const url = new URL(href);
    return href === rule.value || url.pathname === rule.value || url.origin + url.pathname === rule.value;
  }
  // A regex cannot be stopped once running, so one that could backtrack for ever is not run: a
  // quantified group with a quantifier inside, like (x+x+)+y (the server refuses them on save too;
  // this guards the page against a rule stored before that check).
  if (NESTED_QUANTIFIER.test(rule.value)) return false;
  try {
    return new RegExp(rule.value).test(href);
  } catch {
    return false;
  }
}

type UrlRule = { match: 'exact' | 'contains' | 'regex'; value: string };

/** Whether the page URL meets a rule; `exact` compares the whole URL or its path. */
export function matchesUrl(rule: UrlRule, href: string): boolean {
  if (rule.match === 'contains') return href.includes(rule.value);
  if (rule.match === 'exact') {
    const url = new URL(href);
    return href === rule.value || url.pathname === rule.value || url.origin + url.pathname === rule.value;
  }
  try {
    return new RegExp(rule.value).test(href);
  } catch {
    return false;
  }
}

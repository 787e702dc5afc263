import { describe, expect, it } from 'vitest';
import { matchesUrl } from './loader/url-rules.js';
import { isShown } from './survey/card.js';
import { isRtl, pickLanguage } from './survey/strings.js';

describe('URL rules', () => {
  const href = 'https://shop.example.com/checkout/done?order=42';
  it('match exact (URL or path), contains and regex', () => {
    expect(matchesUrl({ match: 'exact', value: '/checkout/done' }, href)).toBe(true);
    expect(matchesUrl({ match: 'exact', value: '/checkout' }, href)).toBe(false);
    expect(matchesUrl({ match: 'contains', value: 'order=42' }, href)).toBe(true);
    expect(matchesUrl({ match: 'regex', value: '^https://shop\\.example\\.com/checkout/' }, href)).toBe(true);
    expect(matchesUrl({ match: 'regex', value: '([' }, href)).toBe(false);
  });
  it('never runs a regex that could backtrack for ever, and so never freezes the page', () => {
    const long = `https://shop.example.com/${'x'.repeat(40)}`;
    for (const value of ['(x+x+)+y', '(a*)*b', '(?:x+)+$', '([a-z]+){2,}!']) {
      const t0 = performance.now();
      expect(matchesUrl({ match: 'regex', value }, long)).toBe(false);
      expect(performance.now() - t0).toBeLessThan(50);
    }
    // Plain groups and quantifiers still work.
    expect(matchesUrl({ match: 'regex', value: '/(checkout|cart)/done' }, href)).toBe(true);
    expect(matchesUrl({ match: 'regex', value: 'order=\\d+' }, href)).toBe(true);
  });
});

describe('showIf', () => {
  it('asks a follow-up only when the condition holds', () => {
    const cond = { questionId: 'nps', op: 'lte' as const, value: 6 };
    expect(isShown(cond, { nps: 3 })).toBe(true);
    expect(isShown(cond, { nps: 9 })).toBe(false);
    expect(isShown(cond, {})).toBe(false);
    expect(isShown({ questionId: 'c', op: 'in', value: ['a', 'b'] }, { c: 'b' })).toBe(true);
    expect(isShown(undefined, {})).toBe(true);
  });
});

describe('languages', () => {
  it('falls back from region to language to the survey default to English', () => {
    const available = ['fr', 'de', 'en'];
    expect(pickLanguage('fr-ca', available, 'en')).toBe('fr');
    expect(pickLanguage('xx', available, 'de')).toBe('de');
    expect(pickLanguage('xx', available, 'yy')).toBe('en');
    expect(isRtl('ar')).toBe(true);
    expect(isRtl('he-il')).toBe(true);
    expect(isRtl('fr')).toBe(false);
  });
});

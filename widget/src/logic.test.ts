import { describe, expect, it } from 'vitest';
import { matchesUrl } from './loader/url-rules.js';
import { BUILT_IN_STRINGS } from './preview.js';
import { isShown } from './survey/card.js';
import { isRtl, LANGUAGES, pickLanguage, S, stringNames } from './survey/strings.js';

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

describe('built-in strings', () => {
  it('say every string, both ends of every scale included, in each of the 12 languages the widget ships', () => {
    expect(Object.keys(BUILT_IN_STRINGS).sort()).toEqual([...LANGUAGES].sort());
    for (const [lang, t] of Object.entries(BUILT_IN_STRINGS)) {
      for (const name of stringNames()) expect(t[S[name]], `${lang}: ${name}`).toMatch(/\S/);
      for (const [low, high] of [
        [S.npsLow, S.npsHigh],
        [S.csatLow, S.csatHigh],
        [S.cesLow, S.cesHigh],
        [S.ratingLow, S.ratingHigh],
      ] as const)
        expect(t[low], `${lang}: ${S[low]} and ${S[high]}`).not.toBe(t[high]);
    }
    // The low end is the worst answer on every scale: CES 1 is very difficult, 7 very easy (CES 2.0).
    const en = BUILT_IN_STRINGS.en!;
    expect([en[S.cesLow], en[S.cesHigh]]).toEqual(['Very difficult', 'Very easy']);
    expect([en[S.npsLow], en[S.npsHigh]]).toEqual(['Not at all likely', 'Extremely likely']);
    expect([en[S.ratingLow], en[S.ratingHigh]]).toEqual(['Poor', 'Excellent']);
  });
});

import { describe, expect, it } from 'vitest';
import { extractPhrases, readThemes, scoreSentiment } from '../themes.js';
import { evaluateReader, namesTheme, readLabelledComments } from './evaluate.js';

describe('themes against the labelled comments', () => {
  const set = readLabelledComments();

  it('holds at least 200 labelled comments, each with a theme and a sentiment', () => {
    expect(set.length).toBeGreaterThanOrEqual(200);
    for (const c of set) {
      expect(['positive', 'negative', 'neutral']).toContain(c.sentiment);
      expect(c.themes.length).toBeGreaterThan(0);
    }
  });

  it('reads one theme per idea, no weak themes, and the sentiment of the quote', () => {
    expect(readThemes('The parcel came late and the box was crushed')).toEqual(['delivery', 'packaging']);
    expect(readThemes('Shipping took ages and the courier was rude')).toEqual(['delivery']);
    expect(readThemes('Support solved my problem in minutes')).toEqual(['support']);
    expect(readThemes('I had to explain my problem three times')).toEqual([]);
    expect(scoreSentiment('Delivery was late again')).toBeLessThan(0);
    expect(scoreSentiment('Checkout was quick and easy')).toBeGreaterThan(0);
    // "Support" names a topic: a complaint about the support desk is not read as praise.
    expect(scoreSentiment('Support never answered my ticket')).toBeLessThan(0);
    expect(scoreSentiment('The support agent was rude')).toBeLessThan(0);
    expect(scoreSentiment('The help centre articles are outdated')).toBeLessThan(0);
    expect(namesTheme('delivery date', 'delivery')).toBe(true);
    expect(namesTheme('box', 'packaging')).toBe(false);
  });

  it('does better with the lexicon than noun phrases alone, above the figures the README gives', () => {
    const raw = evaluateReader({ phrases: extractPhrases, sentiment: scoreSentiment }, set);
    const report = evaluateReader({ phrases: readThemes, sentiment: scoreSentiment }, set);
    expect(report.precision).toBeGreaterThan(raw.precision);
    expect(report.precision).toBeGreaterThanOrEqual(0.7);
    expect(report.recall).toBeGreaterThanOrEqual(0.7);
    expect(report.sentimentAccuracy).toBeGreaterThanOrEqual(0.6);
  });
});

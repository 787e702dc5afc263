import { describe, expect, it } from 'vitest';
import { toneOfTheme } from './theme-tone.js';

const theme = (t: Partial<Parameters<typeof toneOfTheme>[0]>) =>
  toneOfTheme({ sentiment: 0, meanNps: null, npsAnswers: 0, meanCsat: null, csatAnswers: 0, ...t });

describe('toneOfTheme', () => {
  it('never calls a theme positive whose responses score as detractors, whatever its words', () => {
    // "delivery": words read mildly positive, the average NPS answer 4.9.
    expect(theme({ sentiment: 0.08, meanNps: 4.9, npsAnswers: 72 })).toEqual({
      tone: 'negative',
      from: 'nps',
      wordsTone: 'positive',
    });
    expect(theme({ sentiment: -0.4, meanNps: 9.4, npsAnswers: 10 }).tone).toBe('positive');
    expect(theme({ sentiment: 0.3, meanNps: 8, npsAnswers: 10 }).tone).toBe('neutral');
  });

  it('reads the score more of them answered, at the band edges', () => {
    // One NPS of 0 against 99 CSAT answers averaging 4.4: the CSAT speaks.
    expect(theme({ meanNps: 0, npsAnswers: 1, meanCsat: 4.4, csatAnswers: 99 })).toMatchObject({
      tone: 'positive',
      from: 'csat',
    });
    expect(theme({ meanNps: 5.5, npsAnswers: 35, meanCsat: 3.63, csatAnswers: 18 })).toMatchObject({
      tone: 'negative',
      from: 'nps',
    });
    expect(theme({ meanNps: 7, npsAnswers: 3 }).tone).toBe('neutral');
    expect(theme({ meanNps: 6.99, npsAnswers: 3 }).tone).toBe('negative');
    expect(theme({ meanNps: 9, npsAnswers: 3 }).tone).toBe('positive');
    expect(theme({ meanCsat: 2.99, csatAnswers: 3 }).tone).toBe('negative');
    expect(theme({ meanCsat: 4, csatAnswers: 3 }).tone).toBe('positive');
  });

  it('reads the words where fewer than two gave a score', () => {
    expect(theme({ sentiment: 0.2, meanNps: 1, npsAnswers: 1 })).toEqual({
      tone: 'positive',
      from: 'words',
      wordsTone: 'positive',
    });
    expect(theme({ sentiment: -0.06 }).tone).toBe('negative');
    expect(theme({ sentiment: 0.05 }).tone).toBe('neutral');
  });
});

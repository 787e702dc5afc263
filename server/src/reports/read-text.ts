// Reading a comment: its themes and its sentiment. Pure functions of the text, so they can run in
// a worker thread (Node: server/src/themes-worker/) as well as here.
import nlp from 'compromise';
import Sentiment from 'sentiment';
import { SHOP_SENTIMENT, toThemes } from './theme-lexicon.js';

const sentiment = new Sentiment();

/** A comment's reading: the themes it raises and its sentiment from −1 to 1. */
export type Reading = { phrases: string[]; sentiment: number };

/** Reads many comments; the Node server gives one that works off the event loop. */
export type TextReader = (texts: string[]) => Promise<Reading[]>;

/**
 * The noun phrases of a comment (compromise's part-of-speech tagging, offline), without
 * pronouns, articles, possessives, numbers or spans of time, singular and lower case: "my discount codes" → "discount code".
 */
export function extractPhrases(text: string): string[] {
  const doc = nlp(text);
  doc.nouns().toSingular();
  const phrases = doc
    .match('#Noun+')
    .not('(#Pronoun|#Determiner|#Possessive|#Value|#Date|#Duration)')
    .out('array') as string[];
  const cleaned = phrases
    .map((p) =>
      p
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s'-]/gu, '')
        .trim(),
    )
    .filter((p) => p.length >= 3);
  return [...new Set(cleaned)];
}

/** Sentiment from −1 to 1 (AFINN-165 word scores per word, with a shop's own words, clipped). */
export function scoreSentiment(text: string): number {
  return Math.max(-1, Math.min(1, sentiment.analyze(text, { extras: SHOP_SENTIMENT }).comparative / 2));
}

/** A comment's themes: its noun phrases, each folded into the idea it names, weak words left out. */
export function readThemes(text: string): string[] {
  return toThemes(extractPhrases(text));
}

/** Reads comments in this thread: for tests, the edge runtime, and the worker itself. */
export function readTextsNow(texts: string[]): Reading[] {
  return texts.map((text) => ({ phrases: readThemes(text), sentiment: scoreSentiment(text) }));
}

/** The default reader: in this thread, as a promise. */
export const readTextsHere: TextReader = async (texts) => readTextsNow(texts);

/** Built-in strings, by language; a survey's own translations cover its questions. */
export type Strings = {
  next: string;
  back: string;
  submit: string;
  close: string;
  thanks: string;
  dontAsk: string;
  required: string;
  /** "{n} of {m}" */
  progress: string;
  npsLow: string;
  npsHigh: string;
  csatLow: string;
  csatHigh: string;
  cesLow: string;
  cesHigh: string;
  survey: string;
};

declare const __LANG_PREFIX__: string;

/** Languages with built-in strings; each is its own small chunk (`lang/xx.ts`), loaded only when used. */
export const LANGUAGES = 'ar de en es fr he it ja nl pl pt sv'.split(' ');

/** Loads one language's strings from beside this chunk. */
export function loadStrings(lang: string): Promise<{ default: Strings }> {
  return import(
    /* @vite-ignore */ new URL(
      `${__LANG_PREFIX__}${LANGUAGES.includes(lang) ? lang : 'en'}.js`,
      import.meta.url,
    ).href
  );
}

const RTL = ['ar', 'he', 'fa', 'ur'];

/** The language to speak: the exact tag, then its base language, then the survey's default, then English. */
export function pickLanguage(locale: string, available: string[], fallback: string): string {
  const base = locale.split('-')[0]!;
  return [locale, base, fallback].find((l) => available.includes(l)) ?? 'en';
}

export const isRtl = (lang: string) => RTL.includes(lang.split('-')[0]!);

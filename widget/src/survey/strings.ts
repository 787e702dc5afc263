/**
 * The built-in strings, by number. A language chunk is its values in this order, written by the
 * build from `lang/xx.ts` (`export default["Next","Back",…]`): no chunk repeats the names (they
 * were a third of the Japanese chunk), and the survey reads them by number (esbuild inlines
 * `t[S.next]` as `t[0]`, so the names are not in the survey chunk either).
 */
export enum S {
  next,
  back,
  submit,
  close,
  thanks,
  dontAsk,
  required,
  /** "{n} of {m}" */
  progress,
  survey,
  // Each scale's ends, low then high (CES: 1 very difficult … 7 very easy); a rating's 1 and N.
  npsLow,
  npsHigh,
  csatLow,
  csatHigh,
  cesLow,
  cesHigh,
  ratingLow,
  ratingHigh,
}

/** One language's built-in strings by name, as `lang/xx.ts` writes them; a survey's own translations cover its questions. */
export type Strings = Record<keyof typeof S, string>;
/** The same by number, as the survey reads them (`t[S.next]`). */
export type StringList = Record<S, string>;

/** The strings' names in their order. */
export function stringNames(): (keyof typeof S)[] {
  return Object.keys(S).filter((k) => Number.isNaN(Number(k))) as (keyof typeof S)[];
}

/** A language's strings by number (the build writes chunks so; the dashboard's preview uses it too). */
export function toList(t: Strings): StringList {
  return stringNames().map((k) => t[k]) as unknown as StringList;
}

declare const __LANG_PREFIX__: string;

/** Languages with built-in strings; each is its own small chunk (`lang/xx.ts`), loaded only when used. */
export const LANGUAGES = 'ar de en es fr he it ja nl pl pt sv'.split(' ');

/** Loads one language's strings from beside this chunk. */
export function loadStrings(lang: string): Promise<{ default: StringList }> {
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

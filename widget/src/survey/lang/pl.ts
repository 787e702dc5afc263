import type { Strings } from '../strings.js';

export default {
  next: 'Dalej',
  back: 'Wstecz',
  submit: 'Wyślij',
  close: 'Zamknij',
  thanks: 'Dziękujemy za opinię!',
  dontAsk: 'Nie pytaj więcej',
  required: 'Wybierz odpowiedź',
  progress: '{n} z {m}',
  npsLow: 'Zupełnie nieprawdopodobne',
  npsHigh: 'Bardzo prawdopodobne',
  csatLow: 'Bardzo niezadowolony',
  csatHigh: 'Bardzo zadowolony',
  cesLow: 'Bardzo trudne',
  cesHigh: 'Bardzo łatwe',
  ratingLow: 'Słabo',
  ratingHigh: 'Doskonale',
  survey: 'Ankieta',
} satisfies Strings;

import type { Strings } from '../strings.js';

export default {
  next: 'Nästa',
  back: 'Tillbaka',
  submit: 'Skicka',
  close: 'Stäng',
  thanks: 'Tack för din feedback!',
  dontAsk: 'Fråga mig inte igen',
  required: 'Välj ett svar',
  progress: '{n} av {m}',
  npsLow: 'Inte alls troligt',
  npsHigh: 'Mycket troligt',
  csatLow: 'Mycket missnöjd',
  csatHigh: 'Mycket nöjd',
  cesLow: 'Mycket svårt',
  cesHigh: 'Mycket enkelt',
  ratingLow: 'Dåligt',
  ratingHigh: 'Utmärkt',
  survey: 'Enkät',
} satisfies Strings;

import type { Strings } from '../strings.js';

export default {
  next: 'Avanti',
  back: 'Indietro',
  submit: 'Invia',
  close: 'Chiudi',
  thanks: 'Grazie per il tuo parere!',
  dontAsk: 'Non chiedermelo più',
  required: 'Scegli una risposta',
  progress: '{n} di {m}',
  npsLow: 'Per niente probabile',
  npsHigh: 'Molto probabile',
  csatLow: 'Molto insoddisfatto',
  csatHigh: 'Molto soddisfatto',
  cesLow: 'Molto difficile',
  cesHigh: 'Molto facile',
  ratingLow: 'Scarso',
  ratingHigh: 'Eccellente',
  survey: 'Sondaggio',
} satisfies Strings;

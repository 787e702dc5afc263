import type { Strings } from '../strings.js';

export default {
  next: 'Weiter',
  back: 'Zurück',
  submit: 'Senden',
  close: 'Schließen',
  thanks: 'Danke für Ihr Feedback!',
  dontAsk: 'Nicht mehr fragen',
  required: 'Bitte wählen Sie eine Antwort',
  progress: '{n} von {m}',
  npsLow: 'Sehr unwahrscheinlich',
  npsHigh: 'Sehr wahrscheinlich',
  csatLow: 'Sehr unzufrieden',
  csatHigh: 'Sehr zufrieden',
  cesLow: 'Sehr schwierig',
  cesHigh: 'Sehr einfach',
  ratingLow: 'Schlecht',
  ratingHigh: 'Ausgezeichnet',
  survey: 'Umfrage',
} satisfies Strings;

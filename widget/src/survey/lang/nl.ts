import type { Strings } from '../strings.js';

export default {
  next: 'Volgende',
  back: 'Terug',
  submit: 'Versturen',
  close: 'Sluiten',
  thanks: 'Bedankt voor je feedback!',
  dontAsk: 'Niet meer vragen',
  required: 'Kies een antwoord',
  progress: '{n} van {m}',
  npsLow: 'Helemaal niet waarschijnlijk',
  npsHigh: 'Zeer waarschijnlijk',
  csatLow: 'Zeer ontevreden',
  csatHigh: 'Zeer tevreden',
  cesLow: 'Zeer moeilijk',
  cesHigh: 'Zeer makkelijk',
  ratingLow: 'Slecht',
  ratingHigh: 'Uitstekend',
  survey: 'Enquête',
} satisfies Strings;

import type { Strings } from '../strings.js';

export default {
  next: 'Suivant',
  back: 'Retour',
  submit: 'Envoyer',
  close: 'Fermer',
  thanks: 'Merci pour votre avis !',
  dontAsk: 'Ne plus me demander',
  required: 'Choisissez une réponse',
  progress: '{n} sur {m}',
  npsLow: 'Pas du tout probable',
  npsHigh: 'Très probable',
  csatLow: 'Très insatisfait',
  csatHigh: 'Très satisfait',
  cesLow: 'Très difficile',
  cesHigh: 'Très facile',
  ratingLow: 'Mauvais',
  ratingHigh: 'Excellent',
  survey: 'Enquête',
} satisfies Strings;

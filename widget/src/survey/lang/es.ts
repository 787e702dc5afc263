import type { Strings } from '../strings.js';

export default {
  next: 'Siguiente',
  back: 'Atrás',
  submit: 'Enviar',
  close: 'Cerrar',
  thanks: '¡Gracias por tu opinión!',
  dontAsk: 'No volver a preguntar',
  required: 'Elige una respuesta',
  progress: '{n} de {m}',
  npsLow: 'Nada probable',
  npsHigh: 'Muy probable',
  csatLow: 'Muy insatisfecho',
  csatHigh: 'Muy satisfecho',
  cesLow: 'Muy difícil',
  cesHigh: 'Muy fácil',
  ratingLow: 'Malo',
  ratingHigh: 'Excelente',
  survey: 'Encuesta',
} satisfies Strings;

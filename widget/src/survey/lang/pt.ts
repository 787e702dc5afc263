import type { Strings } from '../strings.js';

export default {
  next: 'Seguinte',
  back: 'Voltar',
  submit: 'Enviar',
  close: 'Fechar',
  thanks: 'Obrigado pela sua opinião!',
  dontAsk: 'Não perguntar novamente',
  required: 'Escolha uma resposta',
  progress: '{n} de {m}',
  npsLow: 'Nada provável',
  npsHigh: 'Muito provável',
  csatLow: 'Muito insatisfeito',
  csatHigh: 'Muito satisfeito',
  cesLow: 'Muito difícil',
  cesHigh: 'Muito fácil',
  ratingLow: 'Fraco',
  ratingHigh: 'Excelente',
  survey: 'Inquérito',
} satisfies Strings;

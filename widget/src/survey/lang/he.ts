import type { Strings } from '../strings.js';

export default {
  next: 'הבא',
  back: 'חזרה',
  submit: 'שליחה',
  close: 'סגירה',
  thanks: 'תודה על המשוב!',
  dontAsk: 'אל תשאלו אותי שוב',
  required: 'נא לבחור תשובה',
  progress: '{n} מתוך {m}',
  npsLow: 'כלל לא סביר',
  npsHigh: 'סביר מאוד',
  csatLow: 'לא מרוצה בכלל',
  csatHigh: 'מרוצה מאוד',
  cesLow: 'קשה מאוד',
  cesHigh: 'קל מאוד',
  ratingLow: 'גרוע',
  ratingHigh: 'מצוין',
  survey: 'סקר',
} satisfies Strings;

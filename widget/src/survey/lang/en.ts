import type { Strings } from '../strings.js';

export default {
  next: 'Next',
  back: 'Back',
  submit: 'Send',
  close: 'Close',
  thanks: 'Thank you for your feedback!',
  dontAsk: "Don't ask me again",
  required: 'Please choose an answer',
  progress: '{n} of {m}',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  csatLow: 'Very dissatisfied',
  csatHigh: 'Very satisfied',
  cesLow: 'Very difficult',
  cesHigh: 'Very easy',
  ratingLow: 'Poor',
  ratingHigh: 'Excellent',
  survey: 'Survey',
} satisfies Strings;

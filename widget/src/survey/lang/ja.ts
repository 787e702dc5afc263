import type { Strings } from '../strings.js';

export default {
  next: '次へ',
  back: '戻る',
  submit: '送信',
  close: '閉じる',
  thanks: 'ご意見ありがとうございました！',
  dontAsk: '今後表示しない',
  required: '回答を選んでください',
  progress: '{n} / {m}',
  npsLow: '全く思わない',
  npsHigh: '非常にそう思う',
  csatLow: '非常に不満',
  csatHigh: '非常に満足',
  cesLow: '非常に難しい',
  cesHigh: '非常に簡単',
  ratingLow: '悪い',
  ratingHigh: '非常に良い',
  survey: 'アンケート',
} satisfies Strings;

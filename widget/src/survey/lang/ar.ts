import type { Strings } from '../strings.js';

export default {
  next: 'التالي',
  back: 'رجوع',
  submit: 'إرسال',
  close: 'إغلاق',
  thanks: 'شكرًا على ملاحظاتك!',
  dontAsk: 'لا تسألني مجددًا',
  required: 'يرجى اختيار إجابة',
  progress: '{n} من {m}',
  npsLow: 'غير محتمل إطلاقًا',
  npsHigh: 'محتمل جدًا',
  csatLow: 'غير راضٍ إطلاقًا',
  csatHigh: 'راضٍ جدًا',
  cesLow: 'صعب جدًا',
  cesHigh: 'سهل جدًا',
  ratingLow: 'ضعيف',
  ratingHigh: 'ممتاز',
  survey: 'استطلاع',
} satisfies Strings;

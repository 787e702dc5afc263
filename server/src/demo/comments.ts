import { createRandom } from './random.js';

// The demo's open comments: a complaint or a compliment about one theme, said in one of many ways,
// with a detail and sometimes a closing word that fits the moment. Composed from parts so that a
// six-month demo holds hundreds of different comments (a real company's do not repeat), and drawn
// from one number of the seed's stream so the rest of the demo stays exactly as it was.

export type CommentTheme = 'speed' | 'price' | 'ease' | 'support' | 'setup';

const COMPLAINT: Record<CommentTheme, { core: string[]; detail: string[] }> = {
  speed: {
    core: [
      'Delivery was late again',
      'My parcel arrived a week after the promised date',
      'Shipping took almost two weeks',
      'The delivery date kept moving',
      'The order sat in the warehouse for days',
      'Delivery took far longer than the website said',
      'The courier missed the delivery slot twice',
      'My order was split into three slow deliveries',
    ],
    detail: [
      'and nobody told me why',
      'and the tracking page showed nothing',
      'even though I paid for express shipping',
      'so the gift arrived after the birthday',
      'and the box was damaged when it came',
      'for the second time this month',
    ],
  },
  price: {
    core: [
      'Too expensive for what you get',
      'Shipping costs are too high',
      'The price went up without notice',
      'The monthly plan costs more than the alternatives',
      'The new pricing is hard to justify',
      'Delivery fees wiped out the discount',
      'I was charged more than the price shown at checkout',
      'The renewal price was a nasty surprise',
    ],
    detail: [
      'and the quality has not improved',
      'compared with what other shops charge',
      'for a small order like mine',
      'when I have been a customer for years',
      'and the invoice did not explain it',
      'so I am looking at cheaper options',
    ],
  },
  ease: {
    core: [
      'Checkout kept failing on my phone',
      'The payment page is confusing',
      'I could not apply my discount code at checkout',
      'The checkout asked for my address three times',
      'Paying by card failed with an unclear error',
      'The checkout form lost everything I typed',
      'I could not find where to enter the voucher at checkout',
      'The checkout button did nothing on my tablet',
    ],
    detail: [
      'so I had to start over',
      'and I almost gave up on the order',
      'which took me twenty minutes',
      'until I switched to my laptop',
      'and the error message did not help',
      'on both Safari and Chrome',
    ],
  },
  support: {
    core: [
      'Support never answered my email',
      'I had to explain my problem three times',
      'The agent was friendly but did not solve it',
      'My ticket was closed without an answer',
      'Support sent me a generic reply that did not help',
      'I waited on the support chat for forty minutes',
      'Support promised a call back that never came',
      'Every support agent told me something different',
    ],
    detail: [
      'and the refund is still missing',
      'about a simple billing question',
      'so I am still stuck with the wrong order',
      'after I had sent all the screenshots',
      'and I had to open a second ticket',
      'which is frustrating for a paying customer',
    ],
  },
  setup: {
    core: [
      'Setting up my account took ages',
      'The onboarding emails did not match the app',
      'Importing my data during setup kept failing',
      'The setup guide skipped the step I needed',
      'Connecting my store during setup was confusing',
      'The first login sent me in circles',
      'Inviting my team during setup did not work',
      'Account verification took three days',
    ],
    detail: [
      'and the help pages were out of date',
      'so I needed support before I could start',
      'and I nearly gave up in the first week',
      'with no progress shown along the way',
      'on a plan that promised a quick start',
      'and I still do not know if it worked',
    ],
  },
};

const PRAISE: Record<CommentTheme, string[]> = {
  speed: [
    'Fast delivery, great service',
    'My parcel arrived the day after I ordered',
    'Delivery was quicker than promised',
    'Quick shipping and careful packaging',
    'The delivery came right on time',
  ],
  price: [
    'Great prices and quality',
    'Fair price for what you get',
    'Good value compared with other shops',
    'The discount made it a great deal',
    'Free shipping made the price unbeatable',
  ],
  ease: [
    'Checkout was quick and easy',
    'Paying took less than a minute',
    'The checkout on my phone was smooth',
    'Applying my discount code at checkout was simple',
    'The easiest checkout I have used',
  ],
  support: [
    'Support solved my problem in minutes',
    'The agent was patient and fixed everything',
    'Support answered within the hour',
    'The support team went out of their way to help',
    'My refund was sorted by support the same day',
  ],
  setup: [
    'Setting up my account was easy',
    'The setup guide was clear and short',
    'Onboarding took ten minutes',
    'Importing my data during setup just worked',
    'The welcome call made setup painless',
  ],
};

const PRAISE_DETAIL = [
  '',
  ', thank you',
  ', well done',
  '. I will recommend you',
  '. Keep it up',
  ' as always',
  '. Really impressed',
];

/** Closing words a comment at this moment may end with ('' keeps it short). */
const CLOSERS: Record<string, string[]> = {
  cancel_started: [
    '',
    '',
    'That is why I am leaving.',
    'I am cancelling because of it.',
    'Not worth staying for.',
  ],
  ticket_closed: ['', '', 'Please do better.', 'Very disappointing.', 'Not the service I expected.'],
  checkout_completed: ['', '', 'Please fix this.', 'Very disappointing.', 'I expected better.'],
  signup_completed: ['', '', 'Please fix this for new customers.', 'Not a great first impression.'],
};

/**
 * A comment about `theme` at `moment`: a complaint when `negative`, else a compliment. `u` (one
 * number from the seed's stream, in [0, 1)) chooses the wording, so the same seed gives the same text.
 */
export function writeComment(theme: CommentTheme, moment: string, negative: boolean, u: number): string {
  const words = createRandom(Math.floor(u * 2 ** 32));
  if (!negative) return `${words.pick(PRAISE[theme])}${words.pick(PRAISE_DETAIL)}`;
  const { core, detail } = COMPLAINT[theme];
  const closer = words.pick(CLOSERS[moment] ?? ['']);
  const sentence = words.chance(0.75) ? `${words.pick(core)} ${words.pick(detail)}.` : `${words.pick(core)}.`;
  return closer ? `${sentence} ${closer}` : sentence;
}

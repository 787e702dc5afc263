import { type SurveyCreate, SurveyCreateSchema } from '@moments/shared';

const driver = (id: string, text: string) => ({
  id,
  type: 'rating' as const,
  text,
  scale: 5,
  driver: id,
  required: false,
});
const improve = {
  id: 'improve',
  type: 'text' as const,
  text: 'What is the one thing we should improve?',
  required: false,
  showIf: { questionId: 'nps', op: 'lte' as const, value: 6 },
};

/** The demo's surveys, one per funnel moment, in funnel order. */
export const DEMO_SURVEYS: SurveyCreate[] = [
  {
    id: 'onboarding-ces',
    name: 'Onboarding, day 7',
    moment: 'signup_completed',
    questions: [
      { id: 'ces', type: 'ces', text: 'How easy was it to get set up?', required: true },
      {
        id: 'comment',
        type: 'text',
        text: 'Anything that got in your way?',
        required: false,
        maxLength: 2000,
      },
    ],
    priority: 10,
  },
  {
    id: 'checkout-nps',
    name: 'After checkout',
    moment: 'checkout_completed',
    questions: [
      { id: 'nps', type: 'nps', text: 'How likely are you to recommend us to a friend?', required: true },
      driver('speed', 'How do you rate delivery speed?'),
      driver('price', 'How do you rate our prices?'),
      driver('ease', 'How easy was checkout?'),
      { ...improve, maxLength: 2000 },
    ],
    translations: {
      fr: {
        questions: {
          nps: { text: 'Quelle est la probabilité que vous nous recommandiez à un ami ?' },
          improve: { text: 'Que devrions-nous améliorer en priorité ?' },
        },
      },
    },
    priority: 20,
  },
  {
    id: 'ticket-csat',
    name: 'After a support ticket',
    moment: 'ticket_closed',
    questions: [
      { id: 'csat', type: 'csat', text: 'How satisfied are you with the help you got?', required: true },
      driver('support', 'How do you rate the agent who helped you?'),
      { id: 'comment', type: 'text', text: 'Tell us more', required: false, maxLength: 2000 },
    ],
    priority: 30,
  },
  {
    id: 'cancel-reason',
    name: 'When cancelling',
    moment: 'cancel_started',
    questions: [
      {
        id: 'nps',
        type: 'nps',
        text: 'How likely are you to recommend us, all things considered?',
        required: true,
      },
      {
        id: 'reason',
        type: 'choice',
        text: 'What is the main reason you are leaving?',
        required: true,
        multiple: false,
        options: [
          { id: 'price', label: 'Too expensive' },
          { id: 'quality', label: 'Quality' },
          { id: 'support', label: 'Support' },
          { id: 'other', label: 'Something else' },
        ],
      },
      {
        id: 'comment',
        type: 'text',
        text: 'What could have made you stay?',
        required: false,
        maxLength: 2000,
      },
    ],
    priority: 40,
  },
].map((s) => SurveyCreateSchema.parse(s));

import type { Question, QuestionType, Survey, SurveyUpdate } from '@moments/shared';

/** A survey being edited: every field of the API's survey, and its id ('' while new and unnamed). */
export type Draft = SurveyUpdate & { id: string };

/** The moments the editor suggests (a site's usual funnel), besides those its surveys already name. */
export const SUGGESTED_MOMENTS = [
  'signup_completed',
  'checkout_completed',
  'ticket_closed',
  'cancel_started',
];

/** The moments to suggest, each with the surveys already shown there (none: a free moment). */
export function listMoments<S extends Pick<Survey, 'id' | 'name' | 'moment'>>(surveys: S[]) {
  const moments = [...new Set([...SUGGESTED_MOMENTS, ...surveys.map((s) => s.moment)])];
  return moments.map((moment) => ({ moment, surveys: surveys.filter((s) => s.moment === moment) }));
}

/**
 * The moment a new survey starts on: the first suggested moment no survey is shown at yet, or none
 * ('') when each has one, so a new survey is never put where another already asks by default.
 */
export function chooseNewMoment(surveys: Pick<Survey, 'id' | 'name' | 'moment'>[]): string {
  return listMoments(surveys).find((m) => !m.surveys.length)?.moment ?? '';
}

export const NEW_SURVEY: Draft = {
  id: '',
  name: '',
  moment: '',
  status: 'draft',
  questions: [
    { id: 'nps', type: 'nps', text: 'How likely are you to recommend us to a friend?', required: true },
  ],
  trigger: { type: 'event' },
  delaySeconds: 0,
  targeting: { sampleRate: 1, urls: [], locales: [] },
  frequency: { type: 'until_answered' },
  priority: 0,
  defaultLocale: 'en',
  translations: {},
};

const QUESTION_TEXT: Record<QuestionType, string> = {
  nps: 'How likely are you to recommend us to a friend?',
  csat: 'How satisfied are you?',
  ces: 'How easy was it?',
  rating: 'How do you rate it?',
  choice: 'Which one?',
  text: 'Anything you would like to tell us?',
};

export function newQuestion(type: QuestionType, taken: string[]): Question {
  let id: string = type;
  for (let i = 2; taken.includes(id); i++) id = `${type}${i}`;
  const base = { id, text: QUESTION_TEXT[type], required: type !== 'text' };
  if (type === 'rating') return { ...base, type, scale: 5 };
  if (type === 'choice')
    return {
      ...base,
      type,
      multiple: false,
      options: [
        { id: 'a', label: 'Yes' },
        { id: 'b', label: 'No' },
      ],
    };
  if (type === 'text') return { ...base, type, maxLength: 2000 };
  return { ...base, type };
}

export function toDraft(s: Survey): Draft {
  const { siteId: _s, createdAt: _c, updatedAt: _u, ...rest } = s;
  return structuredClone(rest);
}

export const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'option';

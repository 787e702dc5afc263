import { getQuestionRange, type Survey, type SurveyResponse } from '@moments/shared';
import type { Issue } from '../domain/errors.js';

/** Checks each response against its survey: known survey and questions, values of the right type and range. */
export function checkResponses(responses: SurveyResponse[], surveys: Map<string, Survey>): Issue[] {
  const issues: Issue[] = [];
  for (const [i, r] of responses.entries()) {
    const at = `responses.${i}`;
    const survey = surveys.get(r.surveyId);
    if (!survey) {
      issues.push({ path: `${at}.surveyId`, message: `no survey ${r.surveyId} on this site` });
      continue;
    }
    const seen = new Set<string>();
    for (const [j, a] of r.answers.entries()) {
      const path = `${at}.answers.${j}`;
      const q = survey.questions.find((x) => x.id === a.questionId);
      if (!q) {
        issues.push({ path: `${path}.questionId`, message: `no question ${a.questionId} in the survey` });
        continue;
      }
      if (seen.has(q.id)) {
        issues.push({ path: `${path}.questionId`, message: 'answered twice' });
        continue;
      }
      seen.add(q.id);
      const range = getQuestionRange(q);
      if (range) {
        const v = a.value;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < range[0] || v > range[1]) {
          issues.push({
            path: `${path}.value`,
            message: `must be a whole number from ${range[0]} to ${range[1]}`,
          });
        }
      } else if (q.type === 'text') {
        if (typeof a.value !== 'string' || a.value.length > q.maxLength) {
          issues.push({
            path: `${path}.value`,
            message: `must be text of at most ${q.maxLength} characters`,
          });
        }
      } else if (q.type === 'choice') {
        const picked = typeof a.value === 'string' ? [a.value] : Array.isArray(a.value) ? a.value : [];
        const known = new Set(q.options.map((o) => o.id));
        if (!picked.length || picked.some((p) => !known.has(p)) || (!q.multiple && picked.length > 1)) {
          issues.push({
            path: `${path}.value`,
            message: `must be ${q.multiple ? 'option ids' : 'one option id'} of the question`,
          });
        } else if (new Set(picked).size < picked.length) {
          // Each option picked is counted: one named twice would count twice (a share over 100%).
          issues.push({ path: `${path}.value`, message: 'names an option more than once' });
        }
      }
    }
  }
  return issues;
}

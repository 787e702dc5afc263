import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { toFieldLabel, toPlainIssue } from './plain-words.js';
import { CustomerRowSchema } from './schemas/customer.js';

const issuesOf = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error!.issues.map((i) => toPlainIssue(i.path.join('.'), i.message));

describe('plain words', () => {
  it('says what is wrong with a row of business data in words', () => {
    expect(issuesOf(CustomerRowSchema, { id: 'c1', mrr: 'lots' })).toEqual(['MRR must be a number']);
    expect(issuesOf(CustomerRowSchema, { id: 'c1', email: 'nope' })).toEqual([
      'Email must be an email address',
    ]);
    expect(issuesOf(CustomerRowSchema, { id: 'c1', mrr: -5 })).toEqual(['MRR must be at least 0']);
    expect(issuesOf(CustomerRowSchema, { id: ' ' })).toEqual(['Id is required']);
  });
  it('names nested fields as a person counts them', () => {
    expect(toFieldLabel('questions.0.text')).toBe('Question 1: text');
    expect(toFieldLabel('contactPolicy.recontactDays')).toBe('Contact policy: Days between surveys');
    // A rule across the whole body or query string names no field.
    expect(toFieldLabel('(body)')).toBe('This');
    expect(toFieldLabel('(query)')).toBe('This');
    expect(toPlainIssue('name', 'Too small: expected string to have >=1 characters')).toBe(
      'Name is required',
    );
  });
});

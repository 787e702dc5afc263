import { z } from 'zod';
import { FollowUpStatusSchema } from './followup.js';
import { LookupSchema } from './reports.js';

/**
 * What GET /v1/stream pushes, event by event (the SSE `event:` name, then its JSON `data:`).
 * Every event names its customer and site, so one stream serves every customer on an agent's tabs.
 */
const Named = { customerId: z.string(), siteId: z.string() };

/** `response`: a customer answered (the answers as sent; text answers are comments). */
export const StreamResponseEventSchema = z.object({
  ...Named,
  responseId: z.string(),
  surveyId: z.string(),
  moment: z.string().nullable().optional(),
  createdAt: z.string(),
  answers: z.array(z.object({ questionId: z.string(), value: z.unknown() })),
});

/** `summary`: the customer's latest scores and risk after a response (one lookup on the server). */
export const StreamSummaryEventSchema = z.object({
  ...Named,
  latest: LookupSchema.shape.latest,
  risk: LookupSchema.shape.risk,
});

/** `followup`: a follow-up opened or changed. */
export const StreamFollowUpEventSchema = z.object({
  ...Named,
  id: z.string(),
  status: FollowUpStatusSchema,
  reason: z.string(),
  openedAt: z.string(),
  assignee: z.string().nullable().optional(),
  note: z.string().nullable().optional(),
});

export type StreamResponseEvent = z.infer<typeof StreamResponseEventSchema>;
export type StreamSummaryEvent = z.infer<typeof StreamSummaryEventSchema>;
export type StreamFollowUpEvent = z.infer<typeof StreamFollowUpEventSchema>;
export type StreamEvent =
  | ({ type: 'response' } & StreamResponseEvent)
  | ({ type: 'summary' } & StreamSummaryEvent)
  | ({ type: 'followup' } & StreamFollowUpEvent);

const BY_TYPE = {
  response: StreamResponseEventSchema,
  summary: StreamSummaryEventSchema,
  followup: StreamFollowUpEventSchema,
} as const;

/** One SSE event of the live stream, validated; undefined for `ready`, heartbeats and anything unknown or malformed. */
export function parseStreamEvent(event: string, data: string): StreamEvent | undefined {
  if (!(event in BY_TYPE)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return undefined;
  }
  const parsed = BY_TYPE[event as keyof typeof BY_TYPE].safeParse(json);
  return parsed.success ? ({ type: event, ...parsed.data } as StreamEvent) : undefined;
}

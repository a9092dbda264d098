import { z } from 'zod';
import { conversationSchema, messageSchema } from './chatwoot/schemas';
import { API_ERROR_KINDS } from './chatwoot/errors';
import {
  ESCALATION_REASONS,
  DECISION_ACTIONS,
  REPLY_SOURCES,
  SYNC_STATES,
} from './decisions/record';

// The one protocol between content script, panel/options and background. Every request is
// validated here on arrival, every reply on return (zod at every boundary). Adding a message =
// one schema in `requests` + its reply in `replies` + one handler in the background's map.

const id = z.number().int().positive();
/** A built-in TemplateId or a team template's id (lib/sop/library.ts). */
const templateId = z.string().trim().min(1).max(120);
/** Chosen by the panel per confirmation and used as the decision id: a submit re-sent after
 * the worker died mid-answer returns the decision already made instead of making a second. */
const requestId = z.uuid().optional();

export const apiErrorInfoSchema = z.object({
  kind: z.enum(API_ERROR_KINDS),
  status: z.number().nullable(),
  detail: z.string(),
});

export const activeContextSchema = z.object({
  windowId: z.number().int(),
  tabId: z.number().int(),
  origin: z.string(),
  accountId: z.number().int().positive().nullable(),
  conversationId: z.number().int().positive().nullable(),
});
export type ActiveContext = z.infer<typeof activeContextSchema>;

export const settingsInputSchema = z.object({
  chatwootUrl: z.string(),
  authMode: z.enum(['session', 'token']),
  token: z.string().optional(),
});

export const actionInputSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('chatwoot.approve_send'),
    requestId,
    accountId: id,
    conversationId: id,
    replyBody: z.string().trim().min(1).max(20_000),
    suggestedTemplate: templateId,
    /** What the operator started from: the template or Chatwoot's AI draft (absent: template). */
    replySource: z.enum(REPLY_SOURCES).optional(),
    suggestedBody: z.string(),
    note: z.string().max(5_000).nullable(),
    customerName: z.string().nullable(),
  }),
  z.object({
    action: z.literal('chatwoot.escalate'),
    requestId,
    accountId: id,
    conversationId: id,
    reason: z.enum(ESCALATION_REASONS),
    note: z.string().max(5_000).nullable(),
    /** For the manager's note: the customer's last message and the SLA state as shown. */
    customerLastMessage: z.string().max(2_000).nullable(),
    slaSummary: z.string().max(500),
  }),
  z.object({
    action: z.literal('chatwoot.mark_resolved'),
    requestId,
    accountId: id,
    conversationId: id,
    note: z.string().max(5_000).nullable(),
  }),
]);
export type ActionInput = z.infer<typeof actionInputSchema>;

export const decisionSummarySchema = z.object({
  id: z.string(),
  action: z.enum(DECISION_ACTIONS),
  accountId: z.number(),
  conversationId: z.number(),
  syncState: z.enum(SYNC_STATES),
  error: z.string().nullable(),
  errorInfo: z.object({ kind: z.enum(API_ERROR_KINDS), detail: z.string() }).nullable(),
  attempts: z.number(),
  createdAt: z.string(), // ISO: the protocol is JSON
  mock: z.boolean(),
});
export type DecisionSummary = z.infer<typeof decisionSummarySchema>;

const healthStatus = z.enum(['ok', 'warn', 'no_data']);
const healthReportSchema = z.object({
  latency: z.object({
    median: z.number().nullable(),
    p95: z.number().nullable(),
    recentMedian: z.number().nullable(),
    count: z.number(),
    status: healthStatus,
  }),
  sendFailures: z.object({
    sent: z.number(),
    failed: z.number(),
    rate: z.number().nullable(),
    status: healthStatus,
  }),
  breaches: z.object({
    today: z.number(),
    sameWeekdayLastWeek: z.number().nullable(),
    change: z.number().nullable(),
    status: healthStatus,
  }),
});

export const requests = {
  /** content script → background: the page's URL changed (load or SPA navigation). */
  'page/location': z.object({ url: z.string().max(4096) }),
  'context/get': z.object({ windowId: z.number().int() }),
  'conversation/get': z.object({ accountId: id, conversationId: id }),
  'queue/get': z.object({}),
  'settings/save': settingsInputSchema,
  'tab/open-conversation': z.object({ tabId: z.number().int(), accountId: id, conversationId: id }),
  'health/get': z.object({}),
  'action/submit': actionInputSchema,
  'outbox/list': z.object({ conversationId: id.optional() }),
  'outbox/retry': z.object({ decisionId: z.string() }),
  'outbox/cancel': z.object({ decisionId: z.string() }),
  /** Retention: delete decisions created before this instant (the panel exports them first). */
  'decisions/purge': z.object({ before: z.iso.datetime() }),
  /** Mock mode: the sample conversations to pick from (set up on first use). */
  'mock/list': z.object({}),
  /** Mock mode: samples back to their start, mock decisions (only) deleted. */
  'mock/reset': z.object({}),
  /** Options (template library): the account's canned responses, to import as templates. */
  'canned/list': z.object({ search: z.string().max(200).optional() }),
  /** Panel: Chatwoot's AI reply draft, when the instance has the OpenAI integration. */
  'ai/draft': z.object({ accountId: id, conversationId: id }),
} as const;

const profileInfo = z.object({
  name: z.string(),
  email: z.string(),
  accountId: z.number().int(),
  accountName: z.string(),
});
export type ProfileInfo = z.infer<typeof profileInfo>;

const result = <T extends z.ZodType>(ok: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: ok }),
    z.object({ ok: z.literal(false), error: apiErrorInfoSchema }),
  ]);

export const replies = {
  'page/location': z.object({ ok: z.literal(true) }),
  'context/get': z.object({ context: activeContextSchema.nullable() }),
  'conversation/get': result(
    z.object({
      conversation: conversationSchema,
      messages: z.array(messageSchema),
      operator: profileInfo.nullable(),
    }),
  ),
  'queue/get': result(
    z.object({ conversations: z.array(conversationSchema), accountId: z.number().int() }),
  ),
  'settings/save': result(profileInfo),
  'tab/open-conversation': z.object({ ok: z.boolean() }),
  'health/get': healthReportSchema,
  'action/submit': result(decisionSummarySchema),
  'outbox/list': z.object({ decisions: z.array(decisionSummarySchema) }),
  'outbox/retry': z.object({ ok: z.boolean() }),
  'outbox/cancel': z.object({ ok: z.boolean() }),
  'decisions/purge': z.object({ deleted: z.number().int().nonnegative() }),
  'mock/list': result(
    z.object({ conversations: z.array(conversationSchema), accountId: z.number().int() }),
  ),
  'mock/reset': result(z.object({ deletedDecisions: z.number().int().nonnegative() })),
  'canned/list': result(
    z.object({
      accountId: z.number().int(),
      responses: z.array(
        z.object({
          id: z.number().int(),
          shortCode: z.string(),
          content: z.string(),
          updatedAt: z.string().nullable(),
        }),
      ),
    }),
  ),
  'ai/draft': result(
    z.discriminatedUnion('available', [
      z.object({ available: z.literal(false) }),
      z.object({ available: z.literal(true), draft: z.string() }),
    ]),
  ),
} satisfies Record<keyof typeof requests, z.ZodType>;

export type RequestType = keyof typeof requests;
export type RequestOf<T extends RequestType> = z.infer<(typeof requests)[T]>;
export type ReplyOf<T extends RequestType> = z.infer<(typeof replies)[T]>;

export const envelopeSchema = z.object({ type: z.string(), payload: z.unknown() });

/** background → extension pages, broadcast. */
export const eventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('context/changed'), context: activeContextSchema }),
  z.object({ event: z.literal('outbox/changed'), conversationId: z.number().nullable() }),
  z.object({ event: z.literal('auth/required'), error: apiErrorInfoSchema }),
]);
export type BackgroundEvent = z.infer<typeof eventSchema>;

export function isRequestType(type: string): type is RequestType {
  return Object.hasOwn(requests, type);
}

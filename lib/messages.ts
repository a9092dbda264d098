import { z } from 'zod';
import { conversationSchema, messageSchema } from './chatwoot/schemas';
import { API_ERROR_KINDS } from './chatwoot/errors';
import { ESCALATION_REASONS, DECISION_ACTIONS, SYNC_STATES } from './decisions/record';

// The one protocol between content script, panel/options and background. Every request is
// validated here on arrival, every reply on return (zod at every boundary). Adding a message =
// one schema in `requests` + its reply in `replies` + one handler in the background's map.

const id = z.number().int().positive();
const templateId = z.enum(['ack_delay', 'ship_update', 'refund_offer']);

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
    accountId: id,
    conversationId: id,
    replyBody: z.string().trim().min(1).max(20_000),
    suggestedTemplate: templateId,
    suggestedBody: z.string(),
    note: z.string().max(5_000).nullable(),
    customerName: z.string().nullable(),
  }),
  z.object({
    action: z.literal('chatwoot.escalate'),
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
  attempts: z.number(),
  createdAt: z.string(), // ISO: the protocol is JSON
  mock: z.boolean(),
});
export type DecisionSummary = z.infer<typeof decisionSummarySchema>;

export const requests = {
  /** content script → background: the page's URL changed (load or SPA navigation). */
  'page/location': z.object({ url: z.string().max(4096) }),
  'context/get': z.object({ windowId: z.number().int() }),
  'conversation/get': z.object({ accountId: id, conversationId: id }),
  'queue/get': z.object({}),
  'settings/save': settingsInputSchema,
  'tab/open-conversation': z.object({ tabId: z.number().int(), accountId: id, conversationId: id }),
  'action/submit': actionInputSchema,
  'outbox/list': z.object({ conversationId: id.optional() }),
  'outbox/retry': z.object({ decisionId: z.string() }),
  'outbox/cancel': z.object({ decisionId: z.string() }),
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
  'action/submit': result(decisionSummarySchema),
  'outbox/list': z.object({ decisions: z.array(decisionSummarySchema) }),
  'outbox/retry': z.object({ ok: z.boolean() }),
  'outbox/cancel': z.object({ ok: z.boolean() }),
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

import { z } from './zod';
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

const id = z.number().check(z.int(), z.positive());
/** A built-in TemplateId or a team template's id (lib/sop/templates/library.ts). */
const templateId = z.string().check(z.trim(), z.minLength(1), z.maxLength(120));
/** Chosen by the panel per confirmation and kept on the decision (indexed): a submit re-sent
 * after the worker died mid-answer returns the decision already made instead of making a second. */
const requestId = z.optional(z.uuid());

export const apiErrorInfoSchema = z.object({
  kind: z.enum(API_ERROR_KINDS),
  status: z.nullable(z.number()),
  detail: z.string(),
});

export const activeContextSchema = z.object({
  windowId: z.number().check(z.int()),
  tabId: z.number().check(z.int()),
  origin: z.string(),
  accountId: z.nullable(id),
  conversationId: z.nullable(id),
});
export type ActiveContext = z.infer<typeof activeContextSchema>;

export const settingsInputSchema = z.object({
  chatwootUrl: z.string(),
  authMode: z.enum(['session', 'token']),
  token: z.optional(z.string()),
});

export const actionInputSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('chatwoot.approve_send'),
    requestId,
    accountId: id,
    conversationId: id,
    replyBody: z.string().check(z.trim(), z.minLength(1), z.maxLength(20_000)),
    suggestedTemplate: templateId,
    /** What the operator started from: the template or Chatwoot's AI draft (absent: template). */
    replySource: z.optional(z.enum(REPLY_SOURCES)),
    /** The customer's latest message the operator saw when confirming (issue 17). */
    answeredMessageId: z.optional(z.nullable(id)),
    suggestedBody: z.string(),
    note: z.nullable(z.string().check(z.maxLength(5_000))),
    customerName: z.nullable(z.string()),
  }),
  z.object({
    action: z.literal('chatwoot.escalate'),
    requestId,
    accountId: id,
    conversationId: id,
    reason: z.enum(ESCALATION_REASONS),
    note: z.nullable(z.string().check(z.maxLength(5_000))),
    /** The suggestion the operator had in front of them, if any: the log's suggestion quality
     * counts it as replaced by the escalation. */
    shownTemplate: z.optional(templateId),
    /** For the manager's note: the customer's last message and the SLA state as shown. */
    customerLastMessage: z.nullable(z.string().check(z.maxLength(2_000))),
    slaSummary: z.string().check(z.maxLength(500)),
  }),
  z.object({
    action: z.literal('chatwoot.mark_resolved'),
    requestId,
    accountId: id,
    conversationId: id,
    note: z.nullable(z.string().check(z.maxLength(5_000))),
  }),
]);
export type ActionInput = z.infer<typeof actionInputSchema>;

export const decisionSummarySchema = z.object({
  id: z.string(),
  action: z.enum(DECISION_ACTIONS),
  accountId: z.number(),
  conversationId: z.number(),
  syncState: z.enum(SYNC_STATES),
  error: z.nullable(z.string()),
  errorInfo: z.nullable(z.object({ kind: z.enum(API_ERROR_KINDS), detail: z.string() })),
  attempts: z.number(),
  createdAt: z.string(), // ISO: the protocol is JSON
  mock: z.boolean(),
});
export type DecisionSummary = z.infer<typeof decisionSummarySchema>;

const healthStatus = z.enum(['ok', 'warn', 'no_data']);
const healthReportSchema = z.object({
  latency: z.object({
    median: z.nullable(z.number()),
    p95: z.nullable(z.number()),
    recentMedian: z.nullable(z.number()),
    count: z.number(),
    status: healthStatus,
  }),
  sendFailures: z.object({
    sent: z.number(),
    failed: z.number(),
    rate: z.nullable(z.number()),
    status: healthStatus,
  }),
  breaches: z.object({
    today: z.number(),
    sameWeekdayLastWeek: z.nullable(z.number()),
    change: z.nullable(z.number()),
    status: healthStatus,
  }),
});

const teamProgress = z.object({
  pages: z.number(),
  conversations: z.number(),
  records: z.number(),
  added: z.number(),
  bad: z.number(),
});
/** The team log's sync (lib/background/team-sync.ts): the run in progress and the last one. */
const teamSyncStatus = z.object({
  running: z.nullable(teamProgress),
  last: z.nullable(
    z.extend(teamProgress, {
      finishedAt: z.string(),
      complete: z.boolean(),
      incremental: z.boolean(),
      badRecords: z.array(
        z.object({
          accountId: z.number(),
          conversationId: z.number(),
          key: z.string(),
          problem: z.string(),
        }),
      ),
      error: z.nullable(z.string()),
    }),
  ),
  /** When the last complete sync started: "last synced". */
  lastCompleteAt: z.nullable(z.string()),
});
export type TeamSyncStatus = z.infer<typeof teamSyncStatus>;

export const requests = {
  /** content script → background: the page's URL changed (load or SPA navigation). */
  'page/location': z.object({ url: z.string().check(z.maxLength(4096)) }),
  'context/get': z.object({ windowId: z.number().check(z.int()) }),
  'conversation/get': z.object({
    accountId: id,
    conversationId: id,
    /** Fetched ahead of need (the panel's foresight): refused past the budget (lib/ahead-budget.ts). */
    ahead: z.optional(z.boolean()),
  }),
  'queue/get': z.object({}),
  'settings/save': settingsInputSchema,
  'tab/open-conversation': z.object({
    tabId: z.number().check(z.int()),
    accountId: id,
    conversationId: id,
  }),
  'health/get': z.object({}),
  'action/submit': actionInputSchema,
  'outbox/list': z.object({ conversationId: z.optional(id) }),
  'outbox/retry': z.object({ decisionId: z.string() }),
  'outbox/cancel': z.object({ decisionId: z.string() }),
  /** Retention: delete decisions created before this instant (the panel exports them first). */
  'decisions/purge': z.object({ before: z.iso.datetime() }),
  /** Mock mode: the sample conversations to pick from (set up on first use). */
  'mock/list': z.object({}),
  /** Mock mode: samples back to their start, mock decisions (only) deleted. */
  'mock/reset': z.object({}),
  /** Options (template library): the account's canned responses, to import as templates. */
  'canned/list': z.object({ search: z.optional(z.string().check(z.maxLength(200))) }),
  /** Panel, on the agent's click only: Chatwoot's AI reply draft (OpenAI integration). */
  'ai/draft': z.object({ accountId: id, conversationId: id }),
  /** Panel: what the session already knows of the account's AI integration (no Chatwoot call). */
  'ai/status': z.object({ accountId: id }),
  /** Options (template library): the signed-in user's role in the account, read fresh. */
  'operator/role': z.object({}),
  /** Queue: the messages of the few conversations that can carry a follow-up flag (issue 17). */
  'queue/threads': z.object({
    accountId: id,
    conversationIds: z.array(id).check(z.maxLength(200)),
  }),
  /** Log (team scope): read the team's records from Chatwoot into this log; answers at once. */
  'team/sync': z.object({}),
  /** Log: stop the sync between two pages. */
  'team/stop': z.object({}),
  /** Log: the sync's progress, polled while it runs, and the last run's summary. */
  'team/status': z.object({}),
} as const;

const profileInfo = z.object({
  /** The signed-in user's Chatwoot id: the outbox counts only this user's messages as its own. */
  userId: z.number().check(z.int()),
  name: z.string(),
  email: z.string(),
  accountId: z.number().check(z.int()),
  accountName: z.string(),
});
export type ProfileInfo = z.infer<typeof profileInfo>;

const result = <T extends z.ZodMiniType>(ok: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value: ok }),
    z.object({ ok: z.literal(false), error: apiErrorInfoSchema }),
  ]);

export const replies = {
  'page/location': z.object({ ok: z.literal(true) }),
  'context/get': z.object({ context: z.nullable(activeContextSchema) }),
  'conversation/get': result(
    z.object({
      conversation: conversationSchema,
      messages: z.array(messageSchema),
      operator: z.nullable(profileInfo),
    }),
  ),
  'queue/get': result(
    z.object({ conversations: z.array(conversationSchema), accountId: z.number().check(z.int()) }),
  ),
  'settings/save': result(profileInfo),
  'tab/open-conversation': z.object({ ok: z.boolean() }),
  'health/get': healthReportSchema,
  'action/submit': result(decisionSummarySchema),
  'outbox/list': z.object({
    decisions: z.array(decisionSummarySchema),
    /** Why the whole queue waits (a 401: sign in again), or null. */
    paused: z.nullable(z.enum(API_ERROR_KINDS)),
  }),
  'outbox/retry': z.object({ ok: z.boolean() }),
  'outbox/cancel': z.object({ ok: z.boolean() }),
  'decisions/purge': z.object({ deleted: z.number().check(z.int(), z.nonnegative()) }),
  'mock/list': result(
    z.object({ conversations: z.array(conversationSchema), accountId: z.number().check(z.int()) }),
  ),
  'mock/reset': result(z.object({ deletedDecisions: z.number().check(z.int(), z.nonnegative()) })),
  'canned/list': result(
    z.object({
      accountId: z.number().check(z.int()),
      responses: z.array(
        z.object({
          id: z.number().check(z.int()),
          shortCode: z.string(),
          content: z.string(),
          updatedAt: z.nullable(z.string()),
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
  'ai/status': z.object({ status: z.enum(['unknown', 'available', 'unavailable']) }),
  'operator/role': result(
    z.object({
      accountId: z.number().check(z.int()),
      accountName: z.string(),
      role: z.enum(['administrator', 'agent']),
    }),
  ),
  'queue/threads': result(
    z.object({
      threads: z.array(z.object({ conversationId: id, messages: z.array(messageSchema) })),
    }),
  ),
  'team/sync': result(teamSyncStatus),
  'team/stop': z.object({ ok: z.boolean() }),
  'team/status': result(teamSyncStatus),
} satisfies Record<keyof typeof requests, z.ZodMiniType>;

export type RequestType = keyof typeof requests;
export type RequestOf<T extends RequestType> = z.infer<(typeof requests)[T]>;
export type ReplyOf<T extends RequestType> = z.infer<(typeof replies)[T]>;

export const envelopeSchema = z.object({ type: z.string(), payload: z.unknown() });

/** One change Chatwoot announced on its realtime channel, as the worker normalised it
 * (lib/background/realtime/events.ts): the panel applies it to its cache, no refetch. */
export const liveChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), conversationId: id, message: messageSchema }),
  z.object({ kind: z.literal('conversation'), conversation: conversationSchema }),
  z.object({ kind: z.literal('contact'), contactId: id, name: z.nullable(z.string()) }),
]);
export type LiveChange = z.infer<typeof liveChangeSchema>;
/** live: subscribed; polling: no socket, the panel refetches; connecting; off: mock mode. */
export const LIVE_MODES = ['connecting', 'live', 'polling', 'off'] as const;
export type LiveMode = (typeof LIVE_MODES)[number];

/** background → extension pages, broadcast (`chatwoot/event` and `live/status` go to the
 * panels' ports only: lib/platform/panel-port.ts). */
export const eventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('context/changed'), context: activeContextSchema }),
  z.object({ event: z.literal('outbox/changed'), conversationId: z.nullable(z.number()) }),
  z.object({ event: z.literal('auth/required'), error: apiErrorInfoSchema }),
  z.object({
    event: z.literal('chatwoot/event'),
    accountId: id,
    changes: z.array(liveChangeSchema),
  }),
  z.object({
    event: z.literal('live/status'),
    accountId: z.nullable(id),
    mode: z.enum(LIVE_MODES),
  }),
]);
export type BackgroundEvent = z.infer<typeof eventSchema>;

/** panel → background on its port: the account it shows (null: the operator's own). */
export const panelPortMessageSchema = z.object({ watch: z.object({ accountId: z.nullable(id) }) });
export type PanelPortMessage = z.infer<typeof panelPortMessageSchema>;

/** panel → background on its port: its window and the conversations its cache holds
 * (lib/background/panel-holdings.ts). */
export const panelHoldingsSchema = z.object({
  holdings: z.object({
    window: z.number().check(z.int()),
    held: z.array(z.tuple([id, id])).check(z.maxLength(5_000)),
  }),
});
export type PanelHoldings = z.infer<typeof panelHoldingsSchema>['holdings'];

export function isRequestType(type: string): type is RequestType {
  return Object.hasOwn(requests, type);
}

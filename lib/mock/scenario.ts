// The sample conversations of mock mode, bundled with the extension (never fetched). They are
// Chatwoot WIRE payloads (lib/chatwoot/schemas.ts: epoch SECONDS, message_type numbers, `0` for
// "never"), so everything downstream — the SOP rules, the panel, the outbox — reads them exactly
// as it reads the live API. Pure: every time is relative to the `now` passed in, and ages that
// decide the SLA priority follow the runbook clock for the `slaMinutes` in use.
//
// Coverage the training needs (tests/unit/mock/scenario.test.ts checks it with the real rules):
// P1, P2, P3 and no priority; each template and no suggestion; a French customer; a customer
// with no name; a refund pending (resolve warning); an approved reply waiting > 24 h and an
// escalation waiting > 2 h (follow-up flags).

import type { WireConversation, WireMessage, WireProfile } from '../chatwoot/schemas';
import { decisionIdAt } from '../decisions/ids';
import type { DecisionRecord } from '../decisions/record';

import { MOCK_ORIGIN } from '../settings/settings';
import {
  APPROVED_AGO,
  APPROVED_REPLY,
  ESCALATED_AGO,
  MOCK_OPERATOR,
  SAMPLE_IDS,
  specs,
} from './samples';

export { MOCK_OPERATOR };

export { SAMPLE_IDS };

/** The decision log's `chatwootOrigin` for mock decisions (declared in lib/settings/settings.ts). */
export { MOCK_ORIGIN };
export const MOCK_ACCOUNT = { id: 1, name: 'Demo account' } as const;
const LEAD = { id: 2, name: 'Sam Lead' } as const;

/** An administrator of the demo account: a trainer can show editing the template library
 * (only administrators may: lib/sop/templates/library-policy.ts). */
export const MOCK_PROFILE: WireProfile = {
  id: MOCK_OPERATOR.id,
  name: MOCK_OPERATOR.name,
  available_name: MOCK_OPERATOR.name,
  email: MOCK_OPERATOR.email,
  role: 'administrator',
  accounts: [{ id: MOCK_ACCOUNT.id, name: MOCK_ACCOUNT.name, role: 'administrator' }],
};

export interface SampleConversation {
  /** The stored conversation; `messages` / `last_non_activity_message` are derived on read. */
  conversation: WireConversation;
  /** Oldest first, as the messages endpoint returns them. */
  messages: WireMessage[];
}

export interface ScenarioOptions {
  /** The runbook first-response SLA in use (settings); default 30. */
  slaMinutes?: number;
}

/** Chatwoot's soft-delete text (docs/CHATWOOT.md §3). */
export const DELETED_CONTENT = 'This message was deleted';

/** When a scenario decision was made: whole seconds, as Chatwoot's times are. */
const decidedAt = (now: Date, minutesAgo: number) =>
  new Date(Math.floor((now.getTime() - minutesAgo * 60_000) / 1000) * 1000);
/** Ids as the product makes them (UUIDv7 of createdAt) with fixed random bits ("mock" in hex):
 * the same `now` gives the same id, and the escalation note refers to its decision. */
const scenarioDecisionId = (now: Date, minutesAgo: number, n: number) =>
  decisionIdAt(decidedAt(now, minutesAgo), [0x6d, 0x6f, 0x63, 0x6b, 0, 0, 0, 0, 0, n]);

/** The fixed ids the scenario's decisions had before ids carried their time (database v2). */
const OLD_SCENARIO_IDS = [
  '6d6f636b-0000-4000-8000-000000000009',
  '6d6f636b-0000-4000-8000-000000000010',
];

/** Whether a decision is one of the scenario's own (written at any `now`, or by an older build). */
export function isScenarioDecisionId(id: string): boolean {
  return (
    OLD_SCENARIO_IDS.includes(id) ||
    [9, 10].some((n) => id.slice(13) === scenarioDecisionId(new Date(0), 0, n).slice(13))
  );
}
const toSeconds = (ms: number) => Math.floor(ms / 1000);

/** The bundled sample conversations, as they stand at `now`. Pure. */
export function buildScenario(now: Date, options: ScenarioOptions = {}): SampleConversation[] {
  const sla = options.slaMinutes ?? 30;
  if (!Number.isFinite(sla) || sla < 0) throw new RangeError(`slaMinutes must be ≥ 0, got ${sla}`);
  const nowMs = now.getTime();
  const at = (minutesAgo: number) => toSeconds(nowMs - minutesAgo * 60_000);
  let nextId = 1000;
  return specs(sla, scenarioDecisionId(now, ESCALATED_AGO, 10)).map((spec) => {
    const contactId = 200 + spec.id;
    const messages = spec.messages.map((m): WireMessage => {
      const agent = m.byLead ? LEAD : MOCK_OPERATOR;
      return {
        id: nextId++,
        content: m.text,
        message_type: m.who === 'in' ? 0 : m.who === 'activity' ? 2 : 1,
        private: m.who === 'note',
        created_at: at(m.ago),
        content_attributes: {},
        sender:
          m.who === 'in'
            ? { id: contactId, name: spec.contact.name, type: 'contact' }
            : m.who === 'activity'
              ? null
              : { id: agent.id, name: agent.name, type: 'user' },
      };
    });
    const firstReply = messages.find((m) => m.message_type === 1 && !m.private);
    const lastCustomer = messages.findLast((m) => m.message_type === 0);
    const lastAgentReply = messages.findLast((m) => m.message_type === 1 && !m.private);
    const waiting =
      lastCustomer && (!lastAgentReply || lastAgentReply.created_at < lastCustomer.created_at)
        ? (messages.find(
            (m) =>
              m.message_type === 0 && (!lastAgentReply || m.created_at > lastAgentReply.created_at),
          )?.created_at ?? 0)
        : 0;
    const lastActivity = messages.at(-1)?.created_at ?? at(spec.age);
    const conversation: WireConversation = {
      id: spec.id,
      account_id: MOCK_ACCOUNT.id,
      inbox_id: spec.inboxId,
      status: spec.status,
      priority: spec.priority ?? null,
      labels: [...spec.labels],
      can_reply: true,
      created_at: at(spec.age),
      timestamp: lastActivity,
      last_activity_at: lastActivity,
      first_reply_created_at: firstReply?.created_at ?? 0,
      waiting_since: waiting,
      meta: {
        sender: {
          id: contactId,
          name: spec.contact.name,
          email: spec.contact.email,
          phone_number: null,
          thumbnail: '',
        },
        assignee: spec.assignedToTrainer
          ? { id: MOCK_OPERATOR.id, name: MOCK_OPERATOR.name }
          : null,
        channel: spec.channel,
      },
      messages: [],
      last_non_activity_message: null,
    };
    return { conversation: withDerivedFields(conversation, messages), messages };
  });
}

/** What Chatwoot computes from the messages: only the LAST message in `messages` (docs/CHATWOOT.md
 * §7) and the last non-activity one. */
export function withDerivedFields(
  conversation: WireConversation,
  messages: readonly WireMessage[],
): WireConversation {
  const last = messages.at(-1);
  const lastNonActivity = messages.findLast((m) => m.message_type !== 2);
  return {
    ...conversation,
    messages: last ? [last] : [],
    last_non_activity_message: lastNonActivity ?? null,
  };
}

/**
 * The decisions behind the scenario's history, as the log holds them (marked mock): the
 * approval of Emma Wilson's reply and the escalation of Mateo García's conversation. The
 * follow-up timers start from the log (lib/sop/follow-up-start.ts). Pure.
 */
export function buildScenarioDecisions(now: Date): DecisionRecord[] {
  const at = (minutesAgo: number) => decidedAt(now, minutesAgo);
  const common = {
    scope: 'ops',
    accountId: MOCK_ACCOUNT.id,
    chatwootOrigin: MOCK_ORIGIN,
    operatorEmail: MOCK_OPERATOR.email,
    note: null,
    syncState: 'sent',
    error: null,
    attempts: 1,
    mock: true,
  } as const;
  return [
    {
      ...common,
      id: scenarioDecisionId(now, APPROVED_AGO, 9),
      action: 'chatwoot.approve_send',
      conversationId: SAMPLE_IDS.approvedWaiting24h,
      replyBody: APPROVED_REPLY,
      suggestedTemplate: 'ack_delay',
      suggestedBody: APPROVED_REPLY,
      edited: false,
      escalationReason: null,
      createdAt: at(APPROVED_AGO),
      updatedAt: at(APPROVED_AGO),
    },
    {
      ...common,
      id: scenarioDecisionId(now, ESCALATED_AGO, 10),
      action: 'chatwoot.escalate',
      conversationId: SAMPLE_IDS.escalationWaiting2h,
      replyBody: null,
      suggestedTemplate: null,
      suggestedBody: null,
      edited: false,
      escalationReason: 'refund_over_500',
      createdAt: at(ESCALATED_AGO),
      updatedAt: at(ESCALATED_AGO),
    },
  ];
}

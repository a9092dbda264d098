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

/** The decision log's `chatwootOrigin` for mock decisions (declared in lib/settings/settings.ts). */
export { MOCK_ORIGIN };
export const MOCK_ACCOUNT = { id: 1, name: 'Demo account' } as const;
export const MOCK_OPERATOR = { id: 1, name: 'Trainer', email: 'trainer@example.invalid' } as const;
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

type Who = 'in' | 'out' | 'note' | 'activity';
interface MessageSpec {
  /** Minutes before now. */
  ago: number;
  who: Who;
  text: string;
  /** Agent messages: the lead instead of the trainer. */
  byLead?: boolean;
}
interface SampleSpec {
  id: number;
  contact: { name: string | null; email: string };
  channel: 'Channel::WebWidget' | 'Channel::Email';
  inboxId: number;
  status: 'open' | 'pending' | 'resolved';
  /** Minutes since the conversation was created. */
  age: number;
  labels: string[];
  priority?: 'low' | 'medium' | 'high' | 'urgent';
  assignedToTrainer: boolean;
  messages: MessageSpec[];
}

const HOUR = 60;
/** The scenario's history: the approved reply left unanswered, the escalation left unacknowledged. */
const APPROVED_AGO = 25 * HOUR;
const ESCALATED_AGO = 2.5 * HOUR;
const APPROVED_REPLY =
  "Hi Emma Wilson, thanks for your patience. I'm checking on your order now and will follow up with an update shortly.";
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
const MATEO_MESSAGE =
  "I was charged $780 for a sofa that never arrived. I want my money back today or I'm disputing it with my bank.";
const WEB = { channel: 'Channel::WebWidget', inboxId: 1 } as const;
const EMAIL = { channel: 'Channel::Email', inboxId: 2 } as const;

/** Display ids of the samples, by what each one is for (tests and docs name them). */
export const SAMPLE_IDS = {
  p1Shipping: 1,
  p2Refund: 2,
  p3Escalated: 3,
  noPriority: 4,
  french: 5,
  unnamed: 6,
  noSuggestion: 7,
  refundPending: 8,
  approvedWaiting24h: 9,
  escalationWaiting2h: 10,
} as const;

function specs(sla: number, escalationRef: string): SampleSpec[] {
  // Runbook clock (SOP-CX-001): breached at created + SLA; P1 once breached more than 2 h.
  const p1 = (breachedFor: number) => sla + breachedFor; // breachedFor > 120
  const p2 = (breachedFor: number) => sla + breachedFor; // 0 ≤ breachedFor ≤ 120
  const fresh = (minutes: number) => Math.min(minutes, sla / 3); // not breached for a while
  const I = SAMPLE_IDS;
  return [
    {
      id: I.p1Shipping,
      contact: { name: 'Olivia Bennett', email: 'olivia.bennett@example.invalid' },
      ...WEB,
      status: 'open',
      age: p1(4 * HOUR),
      labels: ['vip'],
      priority: 'high',
      assignedToTrainer: true,
      messages: [
        {
          ago: p1(4 * HOUR),
          who: 'in',
          text: "Hi, my order #48213 was due on Monday but the tracking number hasn't updated since Friday. Where is my parcel?",
        },
        {
          ago: 45,
          who: 'in',
          text: 'Any news? Tracking still says in transit and nothing has been delivered.',
        },
      ],
    },
    {
      id: I.p2Refund,
      contact: { name: 'Daniel Okafor', email: 'daniel.okafor@example.invalid' },
      ...EMAIL,
      status: 'open',
      age: p2(50),
      labels: ['appliances'],
      assignedToTrainer: true,
      messages: [
        {
          ago: p2(50),
          who: 'in',
          text: 'The blender I received is broken: the jug cracked the first time I used it. This is really disappointing.',
        },
      ],
    },
    {
      id: I.p3Escalated,
      contact: { name: 'Sofia Rossi', email: 'sofia.rossi@example.invalid' },
      ...WEB,
      status: 'open',
      age: fresh(8),
      labels: ['escalation'],
      priority: 'urgent',
      assignedToTrainer: true,
      messages: [
        {
          ago: fresh(8),
          who: 'in',
          text: "This is the third time I'm asking about the status of my order #50122. I would like to speak to a manager.",
        },
        {
          ago: fresh(8) / 2,
          who: 'note',
          byLead: true,
          text: '@Trainer can you take this one? She has written three times.',
        },
      ],
    },
    {
      id: I.noPriority,
      contact: { name: 'Noah Schmidt', email: 'noah.schmidt@example.invalid' },
      ...WEB,
      status: 'open',
      age: fresh(4),
      labels: [],
      assignedToTrainer: false,
      messages: [
        {
          ago: fresh(4),
          who: 'in',
          text: 'Hi! Do you have the blue rain jacket in size M? I would like to get one for my son.',
        },
      ],
    },
    {
      id: I.french,
      contact: { name: 'Camille Laurent', email: 'camille.laurent@example.invalid' },
      ...WEB,
      status: 'open',
      age: p2(20),
      labels: [],
      assignedToTrainer: true,
      messages: [
        {
          ago: p2(20),
          who: 'in',
          text: "Bonjour, mon colis n'est toujours pas arrivé et le suivi ne bouge plus depuis jeudi. Pouvez-vous vérifier auprès du transporteur ?",
        },
      ],
    },
    {
      id: I.unnamed,
      contact: { name: null, email: 'guest-4471@example.invalid' },
      ...WEB,
      status: 'open',
      age: p1(2.5 * HOUR),
      labels: [],
      assignedToTrainer: false,
      messages: [
        {
          ago: p1(2.5 * HOUR),
          who: 'in',
          text: 'hello?? the shoes arrived damaged, the sole is coming off. order 88213',
        },
        { ago: p1(2.5 * HOUR) - 2, who: 'in', text: 'can someone answer me please' },
      ],
    },
    {
      id: I.noSuggestion,
      contact: { name: 'Grace Kim', email: 'grace.kim@example.invalid' },
      ...EMAIL,
      status: 'open',
      age: p2(90),
      labels: [],
      assignedToTrainer: true,
      messages: [
        {
          ago: p2(90),
          who: 'activity',
          text: 'Conversation was created by Trainer',
        },
        {
          ago: p2(90),
          who: 'out',
          text: 'Hi Grace, the carrier could not find your address for order #51007. Could you confirm your street and house number so we can send it again?',
        },
      ],
    },
    {
      id: I.refundPending,
      contact: { name: "Liam O'Brien", email: 'liam.obrien@example.invalid' },
      ...EMAIL,
      status: 'open',
      age: p2(35),
      labels: ['refund'],
      assignedToTrainer: true,
      messages: [
        {
          ago: p2(35),
          who: 'in',
          text: 'Hi, I sent the headphones back last week as agreed. Has my refund gone through?',
        },
        {
          ago: p2(35) - 15,
          who: 'out',
          text: "Hi Liam, we have received your return and I've started your refund. The refund is pending approval and should reach your card within 5 working days.",
        },
        {
          ago: 12,
          who: 'in',
          text: 'Great, thanks. Can you let me know once it has been approved?',
        },
      ],
    },
    {
      id: I.approvedWaiting24h,
      contact: { name: 'Emma Wilson', email: 'emma.wilson@example.invalid' },
      ...WEB,
      status: 'pending',
      age: 26 * HOUR,
      labels: [],
      assignedToTrainer: true,
      messages: [
        {
          ago: 26 * HOUR,
          who: 'in',
          text: 'Hello, I ordered a desk lamp ten days ago (#47790) and I still have no news at all. Can you check?',
        },
        // The approved ack_delay reply: the customer has not answered for more than 24 h.
        { ago: APPROVED_AGO, who: 'out', text: APPROVED_REPLY },
      ],
    },
    {
      id: I.escalationWaiting2h,
      contact: { name: 'Mateo García', email: 'mateo.garcia@example.invalid' },
      ...EMAIL,
      status: 'open',
      age: p1(2.5 * HOUR),
      labels: ['billing', 'escalation'],
      assignedToTrainer: true,
      messages: [
        { ago: p1(2.5 * HOUR), who: 'in', text: MATEO_MESSAGE },
        { ago: ESCALATED_AGO, who: 'activity', text: 'Trainer added escalation' },
        {
          // The escalation note nobody has acted on for more than 2 h (no reply, no status
          // change); written as lib/background/actions.ts managerNote() writes it.
          ago: ESCALATED_AGO,
          who: 'note',
          text: [
            `Escalated to a manager by ${MOCK_OPERATOR.email}.`,
            'Reason: Refund over $500.',
            `Customer's last message: "${MATEO_MESSAGE}"`,
            'SLA: P2',
            `Ref: ${escalationRef}`,
          ].join('\n'),
        },
      ],
    },
  ];
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

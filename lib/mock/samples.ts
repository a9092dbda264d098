// The mock samples as specs: who wrote what how many minutes ago, for each training case
// (lib/mock/scenario.ts turns them into Chatwoot wire payloads relative to `now`). Pure data.

/** The trainer, signed in to the mock Chatwoot. */
export const MOCK_OPERATOR = { id: 1, name: 'Trainer', email: 'trainer@example.invalid' } as const;
export type Who = 'in' | 'out' | 'note' | 'activity';
export interface MessageSpec {
  /** Minutes before now. */
  ago: number;
  who: Who;
  text: string;
  /** Agent messages: the lead instead of the trainer. */
  byLead?: boolean;
}
export interface SampleSpec {
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

export const HOUR = 60;
/** The scenario's history: the approved reply left unanswered, the escalation left unacknowledged. */
export const APPROVED_AGO = 25 * HOUR;
export const ESCALATED_AGO = 2.5 * HOUR;
export const APPROVED_REPLY =
  "Hi Emma Wilson, thanks for your patience. I'm checking on your order now and will follow up with an update shortly.";

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

export function specs(sla: number, escalationRef: string): SampleSpec[] {
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
          // change); written as lib/outbox/actions.ts managerNote() writes it.
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

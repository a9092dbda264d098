// Deterministic seed data. Every time is relative to the `now` passed to seedState, so a test
// with a fixed clock sees fixed SLA states (docs/PRODUCT.md SOP-CX-001, 30-minute default SLA):
//   P1 = created > 2.5 h ago (breached > 2 h), P2 = created 30 min–2.5 h ago,
//   P3 = created < 30 min ago and labelled escalation/escalated, none = the rest.
// On the default (waiting) clock the names hold for p1/p2/p3/none: their customers are still
// waiting since then; conversations an agent answered have no breach there.
import type {
  AppliedSla,
  Contact,
  Conversation,
  ConversationStatus,
  JsonObject,
  Message,
  Priority,
  SlaEvent,
  SlaStatus,
  StandinState,
} from './types';

const AGENT_ID = 1;
const ADMIN_ID = 2;
const LEE_ID = 3;

/** Display ids of account 1 conversations, by what they are for. */
const CONVERSATIONS = {
  p1FrenchShipping: 1,
  p1Tracking: 2,
  p2Refund: 3,
  p2Unnamed: 4,
  p3Escalation: 5,
  p3LegacyEscalated: 6,
  noneFresh: 7,
  htmlName: 8,
  longMessage: 9,
  trickyWords: 10,
  refundPending: 11,
  returnInProgress: 12,
  followUpPromised: 13,
  slaMissed: 14,
  slaActive: 15,
  slaHitResolved: 16,
  slaActiveWithMisses: 17,
  frenchPending: 18,
  frenchUnnamed: 19,
  cannotReply: 20,
  whatsappOk: 21,
  noCustomerMessage: 22,
  notesWithCues: 23,
  snoozedTimedFrench: 24,
  snoozedUntilReply: 25,
  snoozedTomorrow: 26,
  resolved: 27,
  resolvedShipping: 28,
  resolvedFrench: 29,
  resolvedEscalation: 30,
  longThread: 31,
  restricted: 32,
  carrierLost: 33,
  storeCredit: 34,
  frenchExchange: 35,
  deliveryAddress: 36,
  faultyWarranty: 37,
  allGood: 38,
  invoiceBillingTeam: 39,
  frenchDelivered: 40,
  pendingNoReply: 41,
  orderStatus: 42,
  deletedReply: 43,
} as const;

/** Everything a test needs to talk to the stand-in without hard-coding values. */
export const SEED = {
  accountId: 1,
  accountName: 'Acme Support',
  otherAccountId: 2,
  otherAccountName: 'Other Co',
  unknownAccountId: 999,
  agentToken: 'standin-agent-token',
  adminToken: 'standin-admin-token',
  password: 'standin-password',
  agent: { id: AGENT_ID, name: 'Dana Agent', email: 'dana@acme.test', role: 'agent' },
  admin: { id: ADMIN_ID, name: 'Sam Admin', email: 'sam@acme.test', role: 'administrator' },
  lee: { id: LEE_ID, name: 'Lee Ops', email: 'lee@acme.test', role: 'agent' },
  /** A dashboard session for Dana (devise_token_auth headers, docs/CHATWOOT.md §2). */
  agentSession: {
    accessToken: 'standin-session-token',
    client: 'standin-session-client',
    uid: 'dana@acme.test',
    tokenType: 'Bearer',
  },
  sessionCookieName: 'cw_d_session_info',
  inboxes: { web: 1, email: 2, restricted: 3, whatsapp: 4, otherCo: 5 },
  teams: { tier2: 1, billing: 2 },
  customViewId: 1,
  slaPolicyId: 1,
  /** The OpenAI hook ids per account (present only while the account's aiEnabled is on). */
  openaiHookId: 7,
  otherOpenaiHookId: 8,
  definedLabels: [
    'escalation',
    'escalated',
    'vip',
    'billing',
    'shipping',
    'refund',
    'returns',
    'feedback',
  ],
  /** A label no account defines (use with strictLabels). */
  undefinedLabel: 'urgent-callback',
  defaultSlaMinutes: 30,
  conversations: CONVERSATIONS,
  otherAccountConversations: { open: 1, pending: 2, resolved: 3 },
  unknownConversationId: 9999,
  messagesPageSize: 20,
  conversationsPageSize: 25,
} as const;

// ---------------------------------------------------------------------------------------------
// Conversation specs. `at` / `ageMin` are minutes before now.

type Who = 'in' | 'out' | 'note' | 'act' | 'deleted';
interface MsgSpec {
  at: number;
  who: Who;
  text: string;
  by?: number;
}
interface ContactSpec {
  name: string | null;
  email?: string | null;
  phone?: string | null;
  city?: string;
}
interface ConvSpec {
  displayId: number;
  account?: number;
  inbox: number;
  contact: ContactSpec;
  status: ConversationStatus;
  ageMin: number;
  lang?: 'en' | 'fr';
  labels?: string[];
  priority?: Priority;
  assignee?: number | null;
  team?: number;
  msgs: MsgSpec[];
  sla?: { status: SlaStatus; frtMissed?: boolean };
  /** Minutes from now; null = snoozed until the next customer reply. */
  snoozeMin?: number | null;
  seenMin?: number | null;
  mentions?: number[];
  participants?: number[];
  muted?: boolean;
}

const C = CONVERSATIONS;
const {
  web: WEB,
  email: EMAIL,
  restricted: RESTRICTED,
  whatsapp: WA,
  otherCo: OTHER,
} = SEED.inboxes;
const DAY = 1440;

const LONG_MESSAGE = [
  'Hello, I am writing because I have been trying to sort this out for a while and I want to give you the full picture so nobody has to ask me again.',
  ...Array.from(
    { length: 40 },
    (_, i) =>
      `Update ${i + 1}: I checked the order page again today and it still shows the same status as the day before; I also called the number on the website and waited on hold for a long time without getting through to anyone who could help.`,
  ),
  'To summarise: the package was supposed to arrive ten days ago, the tracking has not moved for a week, and the carrier now says the package is lost. Please tell me what happens next.',
].join('\n\n');

function longThread(): MsgSpec[] {
  const out: MsgSpec[] = [];
  for (let i = 0; i < 45; i++) {
    const at = 2 * DAY - i * 63;
    out.push(
      i % 2 === 0
        ? { at, who: 'in', text: `Message ${i + 1} from Ava: any news about the delivery?` }
        : { at, who: 'out', text: `Reply ${i + 1}: still checking with the carrier, Ava.` },
    );
  }
  return out;
}

const resolvedBy = (name: string): string => `Conversation was marked resolved by ${name}`;

const SPECS: ConvSpec[] = [
  {
    displayId: C.p1FrenchShipping,
    inbox: WEB,
    lang: 'fr',
    contact: { name: 'Marie Dubois', email: 'marie.dubois@exemple.test', city: 'Lyon' },
    status: 'open',
    ageMin: 3 * DAY,
    labels: ['escalation'],
    assignee: AGENT_ID,
    msgs: [
      {
        at: 3 * DAY,
        who: 'in',
        text: "Bonjour, mon colis n'est toujours pas arrivé. La livraison était prévue il y a une semaine et le suivi ne bouge plus depuis jeudi.",
      },
      {
        at: 3 * DAY - 300,
        who: 'note',
        by: AGENT_ID,
        text: 'Transporteur relancé, en attente de réponse.',
      },
      {
        at: 600,
        who: 'in',
        text: 'Toujours rien reçu. Pouvez-vous me dire où en est ma commande ?',
      },
    ],
  },
  {
    displayId: C.p1Tracking,
    inbox: WEB,
    contact: { name: 'James Carter', email: 'james.carter@example.test', city: 'Leeds' },
    status: 'open',
    ageMin: 240,
    labels: ['vip'],
    priority: 'high',
    assignee: AGENT_ID,
    msgs: [
      {
        at: 240,
        who: 'in',
        text: "Where is my package? The tracking number hasn't updated since Monday and it still says in transit.",
      },
      { at: 180, who: 'out', text: "Thanks James, I'm checking with the carrier now." },
      // Unanswered for 170 min: P1 on the waiting clock too (breached 140 min ago).
      { at: 170, who: 'in', text: "Any news? It's still not delivered." },
    ],
  },
  {
    displayId: C.p2Refund,
    inbox: EMAIL,
    contact: { name: 'Priya Shah', email: 'priya.shah@example.test' },
    status: 'open',
    ageMin: 90,
    labels: ['billing'],
    team: SEED.teams.billing,
    participants: [AGENT_ID],
    msgs: [
      {
        at: 90,
        who: 'in',
        text: "Hello, I was charged twice for order #4412. I'd like a refund for the duplicate charge, please.",
      },
    ],
  },
  {
    displayId: C.p2Unnamed,
    inbox: WEB,
    contact: { name: '', email: 'guest-4471@mail.test' },
    status: 'open',
    ageMin: 45,
    seenMin: null,
    msgs: [
      { at: 45, who: 'in', text: 'hello? my order is late, any update?' },
      { at: 40, who: 'in', text: 'order number is 88213' },
    ],
  },
  {
    displayId: C.p3Escalation,
    inbox: WEB,
    contact: { name: 'Tom Becker', email: 'tom.becker@example.test' },
    status: 'open',
    ageMin: 12,
    labels: ['escalation'],
    priority: 'urgent',
    assignee: ADMIN_ID,
    team: SEED.teams.tier2,
    mentions: [AGENT_ID],
    msgs: [
      {
        at: 12,
        who: 'in',
        text: 'I want to speak to a manager about the damaged blender I received. This is the second one.',
      },
      {
        at: 8,
        who: 'note',
        by: ADMIN_ID,
        text: '@Dana Agent can you take a look? Customer is upset.',
      },
    ],
  },
  {
    displayId: C.p3LegacyEscalated,
    inbox: WEB,
    lang: 'fr',
    contact: { name: 'Lucie Martin', email: 'lucie.martin@exemple.test', city: 'Paris' },
    status: 'open',
    ageMin: 20,
    labels: ['escalated'],
    assignee: AGENT_ID,
    msgs: [
      {
        at: 20,
        who: 'in',
        text: "Bonjour, je souhaite retourner ma commande et obtenir un remboursement : l'article est défectueux.",
      },
    ],
  },
  {
    displayId: C.noneFresh,
    inbox: WEB,
    contact: { name: 'Ahmed Khan', email: 'ahmed.khan@example.test' },
    status: 'open',
    ageMin: 10,
    seenMin: null,
    msgs: [
      { at: 10, who: 'in', text: 'Hi, can you tell me your opening hours for the Paris store?' },
    ],
  },
  {
    displayId: C.htmlName,
    inbox: WEB,
    contact: { name: '<img src=x onerror=alert(1)>', email: 'xss@evil.test' },
    status: 'open',
    ageMin: 50,
    msgs: [
      {
        at: 50,
        who: 'in',
        text: "<script>alert('x')</script> My delivery is delayed, where is it?",
      },
    ],
  },
  {
    displayId: C.longMessage,
    inbox: EMAIL,
    contact: { name: 'Rebecca Long', email: 'rebecca.long@example.test' },
    status: 'open',
    ageMin: 300,
    priority: 'low',
    assignee: AGENT_ID,
    msgs: [{ at: 300, who: 'in', text: LONG_MESSAGE }],
  },
  {
    displayId: C.trickyWords,
    inbox: WEB,
    contact: { name: 'Oliver Grant', email: 'oliver.grant@example.test' },
    status: 'open',
    ageMin: 35,
    assignee: AGENT_ID,
    msgs: [
      {
        at: 35,
        who: 'in',
        text: 'As a returning customer I really value our relationship with your brand. Everything arrived shipshape last time, but this order has been stuck in "processing" for five days. Can you check?',
      },
    ],
  },
  {
    displayId: C.refundPending,
    inbox: EMAIL,
    contact: { name: 'Sofia Rossi', email: 'sofia.rossi@example.test' },
    status: 'open',
    ageMin: 1560,
    labels: ['billing'],
    priority: 'medium',
    assignee: AGENT_ID,
    team: SEED.teams.billing,
    msgs: [
      { at: 1560, who: 'in', text: 'My headphones arrived broken, the left side makes no sound.' },
      {
        at: 1500,
        who: 'out',
        text: "I'm so sorry, Sofia. I've issued a refund of $89 — it is pending and should reach your card in 5–7 business days.",
      },
      { at: 1400, who: 'in', text: "Thanks, I'll wait for it." },
    ],
  },
  {
    displayId: C.returnInProgress,
    inbox: WEB,
    contact: { name: 'Kenji Tanaka', email: 'kenji.tanaka@example.test' },
    status: 'open',
    ageMin: 2 * DAY,
    labels: ['returns'],
    assignee: AGENT_ID,
    msgs: [
      { at: 2 * DAY, who: 'in', text: "I'd like to return the jacket, it's the wrong size." },
      { at: 2 * DAY - 80, who: 'out', text: 'No problem — here is your prepaid return label.' },
      { at: 1500, who: 'in', text: 'I dropped it off yesterday.' },
      {
        at: 1440,
        who: 'out',
        text: 'Thanks! Your return is in progress: the warehouse has scanned your parcel.',
      },
      { at: 300, who: 'in', text: "Great, let me know when it's processed." },
    ],
  },
  {
    displayId: C.followUpPromised,
    inbox: EMAIL,
    contact: { name: 'Emma Wilson', email: 'emma.wilson@example.test' },
    status: 'pending',
    ageMin: 360,
    assignee: LEE_ID,
    msgs: [
      { at: 360, who: 'in', text: "Can you check why my discount code SPRING20 didn't apply?" },
      {
        at: 330,
        who: 'out',
        by: LEE_ID,
        text: "Good catch, Emma. I'll follow up tomorrow once billing confirms the adjustment.",
      },
    ],
  },
  {
    displayId: C.slaMissed,
    inbox: WEB,
    contact: { name: 'Daniel Kim', email: 'daniel.kim@example.test' },
    status: 'open',
    ageMin: 300,
    labels: ['escalation'],
    priority: 'high',
    team: SEED.teams.tier2,
    sla: { status: 'missed', frtMissed: true },
    msgs: [
      {
        at: 300,
        who: 'in',
        text: 'My order arrived damaged and I need a replacement as soon as possible.',
      },
    ],
  },
  {
    displayId: C.slaActive,
    inbox: WEB,
    contact: { name: 'Nora Fischer', email: 'nora.fischer@example.test', city: 'Berlin' },
    status: 'open',
    ageMin: 20,
    assignee: AGENT_ID,
    sla: { status: 'active' },
    msgs: [{ at: 20, who: 'in', text: 'Is express shipping available to Berlin?' }],
  },
  {
    displayId: C.slaHitResolved,
    inbox: EMAIL,
    contact: { name: 'Paul Martin', email: 'paul.martin@example.test' },
    status: 'resolved',
    ageMin: 2 * DAY,
    assignee: AGENT_ID,
    sla: { status: 'hit' },
    msgs: [
      { at: 2 * DAY, who: 'in', text: 'Can I update my billing address?' },
      { at: 2 * DAY - 20, who: 'out', text: 'Done! It is updated for your next order.' },
      { at: 2 * DAY - 30, who: 'in', text: 'Thanks!' },
      { at: 2 * DAY - 40, who: 'act', text: resolvedBy('Dana Agent') },
    ],
  },
  {
    displayId: C.slaActiveWithMisses,
    inbox: EMAIL,
    contact: { name: 'Grace Lee', email: 'grace.lee@example.test' },
    status: 'open',
    ageMin: 480,
    labels: ['vip'],
    assignee: AGENT_ID,
    sla: { status: 'active_with_misses', frtMissed: true },
    msgs: [
      { at: 480, who: 'in', text: "My order #5521 hasn't shipped yet." },
      { at: 360, who: 'out', text: "Sorry Grace, I'm checking with the warehouse." },
      { at: 30, who: 'in', text: 'Still no shipping confirmation email.' },
    ],
  },
  {
    displayId: C.frenchPending,
    inbox: EMAIL,
    lang: 'fr',
    contact: { name: 'Camille Bernard', email: 'camille.bernard@exemple.test', city: 'Nantes' },
    status: 'pending',
    ageMin: DAY,
    labels: ['returns'],
    assignee: LEE_ID,
    msgs: [
      {
        at: DAY,
        who: 'in',
        text: "Bonjour, j'ai reçu un colis abîmé. Pouvez-vous me proposer un échange ou un avoir ?",
      },
      {
        at: DAY - 60,
        who: 'out',
        by: LEE_ID,
        text: 'Bonjour Camille, nous regardons cela et revenons vers vous rapidement.',
      },
    ],
  },
  {
    displayId: C.frenchUnnamed,
    inbox: WEB,
    lang: 'fr',
    contact: { name: '', email: null, phone: '+33 6 12 34 56 78' },
    status: 'open',
    ageMin: 180,
    msgs: [
      { at: 180, who: 'in', text: "Bonjour, ma commande est en retard, pouvez-vous m'aider ?" },
    ],
  },
  {
    displayId: C.cannotReply,
    inbox: WA,
    contact: { name: null, email: null, phone: '+15550100200' },
    status: 'open',
    ageMin: 1800,
    msgs: [{ at: 1800, who: 'in', text: 'Hi, I need the tracking number for my order please' }],
  },
  {
    displayId: C.whatsappOk,
    inbox: WA,
    contact: { name: 'Lucas Silva', email: null, phone: '+5511987654321' },
    status: 'open',
    ageMin: 120,
    assignee: LEE_ID,
    msgs: [
      {
        at: 120,
        who: 'in',
        text: 'Hi! My delivery was marked as delivered but I have nothing at my door.',
      },
    ],
  },
  {
    displayId: C.noCustomerMessage,
    inbox: EMAIL,
    contact: { name: 'Hannah Young', email: 'hannah.young@example.test' },
    status: 'open',
    ageMin: 40,
    assignee: AGENT_ID,
    msgs: [
      { at: 40, who: 'act', text: 'Dana Agent self-assigned this conversation' },
      {
        at: 38,
        who: 'note',
        by: AGENT_ID,
        text: 'Customer called about an invoice copy; will email it.',
      },
    ],
  },
  {
    displayId: C.notesWithCues,
    inbox: WEB,
    contact: { name: 'Victor Hugo', email: 'victor.hugo@example.test' },
    status: 'open',
    ageMin: 75,
    assignee: AGENT_ID,
    msgs: [
      {
        at: 75,
        who: 'in',
        text: "Hi, the package tracking says it's delivered but it's not here.",
      },
      {
        at: 70,
        who: 'note',
        by: ADMIN_ID,
        text: 'Might end up as a refund — check the warranty and the return policy.',
      },
      { at: 69, who: 'act', text: 'Assigned to Dana Agent by Sam Admin' },
    ],
  },
  {
    displayId: C.snoozedTimedFrench,
    inbox: WEB,
    lang: 'fr',
    contact: { name: 'Isabelle Roy', email: 'isabelle.roy@exemple.test', city: 'Bordeaux' },
    status: 'snoozed',
    snoozeMin: 120,
    ageMin: DAY,
    assignee: AGENT_ID,
    msgs: [
      { at: DAY, who: 'in', text: 'Je vous recontacte demain pour le remboursement.' },
      { at: DAY - 40, who: 'out', text: 'Très bien, à demain !' },
    ],
  },
  {
    displayId: C.snoozedUntilReply,
    inbox: EMAIL,
    contact: { name: 'Mateo Lopez', email: 'mateo.lopez@example.test' },
    status: 'snoozed',
    snoozeMin: null,
    ageMin: 180,
    assignee: LEE_ID,
    msgs: [
      { at: 180, who: 'in', text: "I'll send the photos of the damaged box tonight." },
      { at: 170, who: 'out', by: LEE_ID, text: 'Perfect, talk then.' },
    ],
  },
  {
    displayId: C.snoozedTomorrow,
    inbox: WEB,
    contact: { name: 'Chloe Adams', email: 'chloe.adams@example.test' },
    status: 'snoozed',
    snoozeMin: DAY,
    ageMin: 2 * DAY,
    msgs: [{ at: 2 * DAY, who: 'in', text: 'Please check back next week about the backorder.' }],
  },
  {
    displayId: C.resolved,
    inbox: WEB,
    contact: { name: 'Ethan Brown', email: 'ethan.brown@example.test' },
    status: 'resolved',
    ageMin: 3 * DAY,
    assignee: AGENT_ID,
    msgs: [
      { at: 3 * DAY, who: 'in', text: 'How do I reset my password?' },
      { at: 3 * DAY - 10, who: 'out', text: 'Use the "Forgot password" link on the login page.' },
      { at: 3 * DAY - 15, who: 'in', text: 'Worked, thanks.' },
      { at: 3 * DAY - 20, who: 'act', text: resolvedBy('Dana Agent') },
    ],
  },
  {
    displayId: C.resolvedShipping,
    inbox: EMAIL,
    contact: { name: 'Zoe Clark', email: 'zoe.clark@example.test' },
    status: 'resolved',
    ageMin: 5 * DAY,
    labels: ['shipping'],
    assignee: LEE_ID,
    msgs: [
      { at: 5 * DAY, who: 'in', text: 'My parcel is late, can you check the tracking?' },
      { at: 5 * DAY - 30, who: 'out', by: LEE_ID, text: 'It is out for delivery today.' },
      { at: 4 * DAY, who: 'in', text: 'My parcel finally arrived, thank you!' },
      { at: 4 * DAY - 5, who: 'act', text: resolvedBy('Lee Ops') },
    ],
  },
  {
    displayId: C.resolvedFrench,
    inbox: WEB,
    lang: 'fr',
    contact: { name: 'Léa Petit', email: 'lea.petit@exemple.test', city: 'Lille' },
    status: 'resolved',
    ageMin: DAY,
    assignee: AGENT_ID,
    msgs: [
      { at: DAY, who: 'in', text: "Je n'arrive pas à télécharger ma facture." },
      { at: DAY - 15, who: 'out', text: 'Je vous la renvoie par e-mail.' },
      { at: DAY - 30, who: 'in', text: "Merci, c'est réglé !" },
      { at: DAY - 35, who: 'act', text: resolvedBy('Dana Agent') },
    ],
  },
  {
    displayId: C.resolvedEscalation,
    inbox: WEB,
    contact: { name: 'Ryan Scott', email: 'ryan.scott@example.test' },
    status: 'resolved',
    ageMin: 120,
    labels: ['escalation'],
    assignee: ADMIN_ID,
    msgs: [
      { at: 120, who: 'in', text: 'Fraud alert on my card, please cancel order 1200.' },
      { at: 100, who: 'out', by: ADMIN_ID, text: 'Cancelled and flagged with our fraud team.' },
      { at: 90, who: 'act', text: resolvedBy('Sam Admin') },
    ],
  },
  {
    displayId: C.longThread,
    inbox: WEB,
    contact: { name: 'Ava Thompson', email: 'ava.thompson@example.test' },
    status: 'open',
    ageMin: 2 * DAY,
    labels: ['vip', 'shipping'],
    assignee: AGENT_ID,
    msgs: longThread(),
  },
  {
    displayId: C.restricted,
    inbox: RESTRICTED,
    contact: { name: 'Quinn Board', email: 'quinn.board@example.test' },
    status: 'open',
    ageMin: 60,
    labels: ['vip', 'escalation'],
    assignee: ADMIN_ID,
    team: SEED.teams.tier2,
    msgs: [
      {
        at: 60,
        who: 'in',
        text: 'Board member here: please call me about the delayed shipment.',
      },
    ],
  },
  {
    displayId: C.carrierLost,
    inbox: EMAIL,
    contact: { name: 'Noah Evans', email: 'noah.evans@example.test' },
    status: 'open',
    ageMin: DAY,
    labels: ['shipping'],
    msgs: [
      {
        at: DAY,
        who: 'in',
        text: "Your carrier lost my parcel. Tracking shows 'exception' since Friday.",
      },
    ],
  },
  {
    displayId: C.storeCredit,
    inbox: WEB,
    contact: { name: 'Mia Johnson', email: 'mia.johnson@example.test' },
    status: 'open',
    ageMin: 15,
    msgs: [
      { at: 15, who: 'in', text: 'Could I get store credit instead of a refund for the lamp?' },
    ],
  },
  {
    displayId: C.frenchExchange,
    inbox: WEB,
    lang: 'fr',
    contact: { name: 'Hugo Lefèvre', email: 'hugo.lefevre@exemple.test', city: 'Marseille' },
    status: 'open',
    ageMin: 55,
    assignee: AGENT_ID,
    msgs: [
      {
        at: 55,
        who: 'in',
        text: 'Bonjour, je voudrais échanger ma taille : le pull est trop petit.',
      },
    ],
  },
  {
    displayId: C.deliveryAddress,
    inbox: WEB,
    contact: { name: 'Liam Walker', email: 'liam.walker@example.test' },
    status: 'open',
    ageMin: 140,
    msgs: [{ at: 140, who: 'in', text: 'Can I change my delivery address before it ships?' }],
  },
  {
    displayId: C.faultyWarranty,
    inbox: EMAIL,
    contact: { name: 'Sara Nilsson', email: 'sara.nilsson@example.test' },
    status: 'open',
    ageMin: 6 * DAY,
    labels: ['vip'],
    assignee: LEE_ID,
    msgs: [
      { at: 6 * DAY, who: 'in', text: 'The kettle is faulty. Is it still under warranty?' },
      {
        at: 6 * DAY - 45,
        who: 'out',
        by: LEE_ID,
        text: "Yes, it is: we'll send a replacement.",
      },
      { at: 2 * DAY, who: 'in', text: 'When will the replacement ship?' },
    ],
  },
  {
    displayId: C.allGood,
    inbox: WEB,
    contact: { name: 'Ben Carter', email: 'ben.carter@example.test' },
    status: 'open',
    ageMin: 5,
    seenMin: null,
    msgs: [{ at: 5, who: 'in', text: 'Thank you! All good now.' }],
  },
  {
    displayId: C.invoiceBillingTeam,
    inbox: EMAIL,
    contact: { name: 'Olivia Turner', email: 'olivia.turner@example.test' },
    status: 'open',
    ageMin: 360,
    team: SEED.teams.billing,
    msgs: [{ at: 360, who: 'in', text: 'Where can I download my invoice for March?' }],
  },
  {
    displayId: C.frenchDelivered,
    inbox: WEB,
    lang: 'fr',
    contact: { name: 'Chloé Moreau', email: 'chloe.moreau@exemple.test', city: 'Toulouse' },
    status: 'open',
    ageMin: 500,
    assignee: AGENT_ID,
    msgs: [
      {
        at: 500,
        who: 'in',
        text: "Le transporteur dit que le colis est livré mais je n'ai rien reçu.",
      },
    ],
  },
  {
    displayId: C.pendingNoReply,
    inbox: WEB,
    contact: { name: 'Jack Harris', email: 'jack.harris@example.test' },
    status: 'pending',
    ageMin: 25,
    msgs: [{ at: 25, who: 'in', text: 'Is the blue version back in stock?' }],
  },
  {
    displayId: C.orderStatus,
    inbox: WEB,
    contact: { name: 'Ella King', email: 'ella.king@example.test' },
    status: 'open',
    ageMin: 95,
    assignee: LEE_ID,
    muted: true,
    msgs: [{ at: 95, who: 'in', text: 'Just checking in on my order status, thanks!' }],
  },
  {
    displayId: C.deletedReply,
    inbox: WEB,
    contact: { name: 'Mason Reed', email: 'mason.reed@example.test' },
    status: 'open',
    ageMin: 65,
    assignee: AGENT_ID,
    msgs: [
      { at: 65, who: 'in', text: 'Hi, I received the wrong item in my order.' },
      { at: 60, who: 'deleted', text: 'This message was deleted' },
      { at: 58, who: 'out', text: "Sorry Mason, we're sending the right item today." },
    ],
  },
  // Account 2 ("Other Co"): Dana is not a member.
  {
    displayId: 1,
    account: 2,
    inbox: OTHER,
    contact: { name: 'Olga Other', email: 'olga@other.test' },
    status: 'open',
    ageMin: 200,
    assignee: ADMIN_ID,
    msgs: [{ at: 200, who: 'in', text: 'Where is my delivery?' }],
  },
  {
    displayId: 2,
    account: 2,
    inbox: OTHER,
    contact: { name: 'Oscar Other', email: 'oscar@other.test' },
    status: 'pending',
    ageMin: 30,
    msgs: [{ at: 30, who: 'in', text: 'I want a refund.' }],
  },
  {
    displayId: 3,
    account: 2,
    inbox: OTHER,
    contact: { name: 'Otto Other', email: null, phone: '+4915112345678' },
    status: 'resolved',
    ageMin: DAY,
    msgs: [
      { at: DAY, who: 'in', text: 'Thanks for the help.' },
      { at: DAY - 5, who: 'act', text: resolvedBy('Sam Admin') },
    ],
  },
];

// ---------------------------------------------------------------------------------------------

/** Fake but well-formed v4 UUID, derived from an id so it is stable. */
export function stableUuid(id: number): string {
  return `00000000-0000-4000-8000-${id.toString(16).padStart(12, '0')}`;
}

/** Adds a sub-millisecond part so `updated_at` (seconds) renders as a float (docs/CHATWOOT.md §3). */
export function withMicros(ms: number, salt: number): number {
  return ms + (((salt * 7919) % 997) + 1) / 1000;
}

const LABEL_COLORS = ['#D0021B', '#F5A623', '#7ED321', '#4A90E2', '#9013FE', '#50E3C2'];

export function seedState(nowMs: number): StandinState {
  const ago = (min: number): number => nowMs - Math.round(min * 60_000);
  const users = [
    {
      id: AGENT_ID,
      name: SEED.agent.name,
      displayName: null,
      email: SEED.agent.email,
      password: SEED.password,
      accessToken: SEED.agentToken,
      availability: 'online' as const,
      invitedById: ADMIN_ID,
      createdAt: ago(400 * DAY),
    },
    {
      id: ADMIN_ID,
      name: SEED.admin.name,
      displayName: 'Sam',
      email: SEED.admin.email,
      password: SEED.password,
      accessToken: SEED.adminToken,
      availability: 'busy' as const,
      invitedById: null,
      createdAt: ago(900 * DAY),
    },
    {
      id: LEE_ID,
      name: SEED.lee.name,
      displayName: null,
      email: SEED.lee.email,
      password: SEED.password,
      accessToken: 'standin-lee-token',
      availability: 'offline' as const,
      invitedById: ADMIN_ID,
      createdAt: ago(200 * DAY),
    },
  ];
  const labelDefs = (names: readonly string[]) =>
    names.map((title, i) => ({
      id: i + 1,
      title,
      description: `Stand-in label ${title}`,
      color: LABEL_COLORS[i % LABEL_COLORS.length] ?? '#000000',
    }));

  const state: StandinState = {
    seededAt: nowMs,
    accounts: [
      {
        id: 1,
        name: SEED.accountName,
        locale: 'en',
        labels: labelDefs(SEED.definedLabels),
        strictLabels: false,
        aiEnabled: false,
        openaiHookId: SEED.openaiHookId,
      },
      {
        id: 2,
        name: SEED.otherAccountName,
        locale: 'en',
        labels: labelDefs(['support', 'billing']),
        strictLabels: false,
        aiEnabled: false,
        openaiHookId: SEED.otherOpenaiHookId,
      },
    ],
    users,
    accountUsers: [
      { accountId: 1, userId: AGENT_ID, role: 'agent' },
      { accountId: 1, userId: ADMIN_ID, role: 'administrator' },
      { accountId: 1, userId: LEE_ID, role: 'agent' },
      { accountId: 2, userId: ADMIN_ID, role: 'administrator' },
    ],
    inboxes: [
      {
        id: WEB,
        accountId: 1,
        name: 'Acme Web',
        channelType: 'Channel::WebWidget',
        memberIds: [AGENT_ID, LEE_ID],
        replyWindowHours: null,
      },
      {
        id: EMAIL,
        accountId: 1,
        name: 'Acme Email',
        channelType: 'Channel::Email',
        memberIds: [AGENT_ID, LEE_ID],
        replyWindowHours: null,
      },
      {
        id: RESTRICTED,
        accountId: 1,
        name: 'Executive Escalations',
        channelType: 'Channel::Api',
        memberIds: [LEE_ID],
        replyWindowHours: null,
      },
      {
        id: WA,
        accountId: 1,
        name: 'Acme WhatsApp',
        channelType: 'Channel::Whatsapp',
        memberIds: [AGENT_ID, LEE_ID],
        replyWindowHours: 24,
      },
      {
        id: OTHER,
        accountId: 2,
        name: 'Other Co Web',
        channelType: 'Channel::WebWidget',
        memberIds: [],
        replyWindowHours: null,
      },
    ],
    teams: [
      {
        id: SEED.teams.tier2,
        accountId: 1,
        name: 'tier 2',
        description: 'Escalations from L1',
        memberIds: [ADMIN_ID, LEE_ID],
      },
      {
        id: SEED.teams.billing,
        accountId: 1,
        name: 'billing',
        description: 'Refunds and invoices',
        memberIds: [AGENT_ID],
      },
    ],
    contacts: [],
    conversations: [],
    cannedResponses: cannedResponses(ago),
    slaPolicies: [
      {
        id: SEED.slaPolicyId,
        accountId: 1,
        name: 'Gold: 1 h first response',
        description: 'VIP and escalated customers',
        firstResponseTime: 3600,
        nextResponseTime: 7200,
        resolutionTime: 86400,
        onlyDuringBusinessHours: false,
      },
    ],
    customViews: [
      {
        id: SEED.customViewId,
        accountId: 1,
        name: 'Escalations',
        query: [
          {
            attribute_key: 'labels',
            filter_operator: 'equal_to',
            values: ['escalation', 'escalated'],
            query_operator: null,
          },
        ],
      },
    ],
    sessions: [
      {
        client: SEED.agentSession.client,
        accessToken: SEED.agentSession.accessToken,
        uid: SEED.agentSession.uid,
        userId: AGENT_ID,
        expiry: Math.floor(nowMs / 1000) + 60 * 86400,
      },
    ],
    nextMessageId: 1001,
  };

  let contactId = 101;
  let conversationId = 5001;
  let slaId = 301;
  for (const spec of SPECS) {
    const accountId = spec.account ?? 1;
    const createdAt = ago(spec.ageMin);
    const contact = buildContact(contactId++, accountId, spec, createdAt);
    state.contacts.push(contact);
    const conv = buildConversation(conversationId++, accountId, contact, spec, createdAt, ago);
    for (const m of spec.msgs) {
      conv.messages.push(buildMessage(state.nextMessageId++, conv, contact, m, ago(m.at)));
    }
    deriveTimes(conv, spec, ago, nowMs);
    if (spec.sla) {
      const applied: AppliedSla = {
        id: slaId,
        slaPolicyId: SEED.slaPolicyId,
        status: spec.sla.status,
        createdAt,
        updatedAt: createdAt,
      };
      conv.slaPolicyId = SEED.slaPolicyId;
      conv.appliedSla = applied;
      if (spec.sla.frtMissed) {
        const at = createdAt + 3600 * 1000;
        const event: SlaEvent = {
          id: 100 + slaId,
          eventType: 'frt',
          meta: {},
          createdAt: at,
          updatedAt: at,
        };
        conv.slaEvents.push(event);
        applied.updatedAt = at;
      }
      slaId++;
    }
    contact.lastActivityAt = conv.lastActivityAt;
    state.conversations.push(conv);
  }
  return state;
}

function buildContact(id: number, accountId: number, spec: ConvSpec, createdAt: number): Contact {
  const { contact } = spec;
  return {
    id,
    accountId,
    name: contact.name,
    email: contact.email === undefined ? null : contact.email,
    phoneNumber: contact.phone ?? null,
    identifier: null,
    additionalAttributes: contact.city
      ? { city: contact.city, country: spec.lang === 'fr' ? 'France' : '' }
      : {},
    customAttributes: {},
    blocked: false,
    createdAt: createdAt - 5 * 60_000,
    lastActivityAt: null,
  };
}

function buildConversation(
  id: number,
  accountId: number,
  contact: Contact,
  spec: ConvSpec,
  createdAt: number,
  ago: (min: number) => number,
): Conversation {
  return {
    id,
    displayId: spec.displayId,
    accountId,
    inboxId: spec.inbox,
    contactId: contact.id,
    uuid: stableUuid(id),
    status: spec.status,
    priority: spec.priority ?? null,
    assigneeId: spec.assignee ?? null,
    teamId: spec.team ?? null,
    labels: [...(spec.labels ?? [])],
    customAttributes: {},
    additionalAttributes: additionalAttributes(spec, createdAt),
    muted: spec.muted ?? false,
    snoozedUntil: spec.status === 'snoozed' && spec.snoozeMin != null ? ago(-spec.snoozeMin) : null,
    createdAt,
    updatedAt: withMicros(createdAt, id),
    lastActivityAt: createdAt,
    firstReplyCreatedAt: null,
    waitingSince: null,
    agentLastSeenAt: null,
    assigneeLastSeenAt: null,
    contactLastSeenAt: null,
    slaPolicyId: null,
    appliedSla: null,
    slaEvents: [],
    mentionedUserIds: [...(spec.mentions ?? [])],
    participantIds: [...(spec.participants ?? [])],
    messages: [],
  };
}

function additionalAttributes(spec: ConvSpec, createdAt: number): JsonObject {
  const lang = spec.lang ?? 'en';
  if (spec.inbox === EMAIL) {
    return { mail_subject: lang === 'fr' ? 'Ma commande' : 'My order', source: 'email' };
  }
  if (spec.inbox === WA) return {};
  return {
    browser: { browser_name: 'Chrome', platform_name: 'macOS', device_name: 'Macintosh' },
    browser_language: lang,
    referer: `https://shop.acme.test/${lang}/orders`,
    initiated_at: { timestamp: new Date(createdAt).toString() },
  };
}

function buildMessage(
  id: number,
  conv: Conversation,
  contact: Contact,
  spec: MsgSpec,
  at: number,
): Message {
  const agentId = spec.by ?? conv.assigneeId ?? AGENT_ID;
  const base: Message = {
    id,
    accountId: conv.accountId,
    inboxId: conv.inboxId,
    messageType: 0,
    contentType: 'text',
    content: spec.text,
    private: false,
    status: 'sent',
    contentAttributes: {},
    sourceId: null,
    sender: null,
    createdAt: at,
    updatedAt: at,
  };
  switch (spec.who) {
    case 'in':
      return { ...base, sender: { type: 'Contact', id: contact.id } };
    case 'out':
      return { ...base, messageType: 1, sender: { type: 'User', id: agentId } };
    case 'note':
      return { ...base, messageType: 1, private: true, sender: { type: 'User', id: agentId } };
    case 'deleted':
      // Soft-deleted agent reply (docs/CHATWOOT.md §3 "delete a message").
      return {
        ...base,
        messageType: 1,
        contentAttributes: { deleted: true },
        sender: { type: 'User', id: agentId },
        updatedAt: at + 30_000,
      };
    case 'act':
      return { ...base, messageType: 2 };
  }
}

/** first_reply_created_at, waiting_since, last_activity_at and last-seen times, from the messages. */
function deriveTimes(
  conv: Conversation,
  spec: ConvSpec,
  ago: (min: number) => number,
  nowMs: number,
): void {
  let waiting: number | null = null;
  let lastAgentAt: number | null = null;
  for (const m of conv.messages) {
    if (m.messageType === 0) {
      waiting ??= m.createdAt;
    } else if (m.messageType === 1 && !m.private) {
      conv.firstReplyCreatedAt ??= m.createdAt;
      waiting = null;
    }
    if (m.messageType === 1) lastAgentAt = m.createdAt;
    conv.lastActivityAt = Math.max(conv.lastActivityAt, m.createdAt);
  }
  conv.waitingSince = conv.status === 'resolved' ? null : waiting;
  if (spec.seenMin !== undefined) {
    conv.agentLastSeenAt = spec.seenMin === null ? null : ago(spec.seenMin);
  } else if (lastAgentAt !== null) {
    conv.agentLastSeenAt = lastAgentAt;
  } else if (conv.assigneeId !== null) {
    conv.agentLastSeenAt = Math.min(conv.createdAt + 60_000, nowMs);
  }
  conv.assigneeLastSeenAt = conv.assigneeId !== null ? conv.agentLastSeenAt : null;
  conv.contactLastSeenAt = conv.lastActivityAt;
  conv.updatedAt = withMicros(conv.lastActivityAt, conv.id);
}

function cannedResponses(ago: (min: number) => number) {
  const rows: Array<[number, string, string]> = [
    [
      1,
      'ack_delay',
      "Hi {{contact.name}}, thanks for your patience. I'm checking on your order now and will follow up with an update shortly.",
    ],
    [
      1,
      'ship_update',
      "Appreciate you reaching out, {{contact.name}}. Your order is with our carrier and I'm expediting a status check right away.",
    ],
    [
      1,
      'refund_offer',
      "I'm sorry for the trouble, {{contact.name}}. I can refund this immediately or offer store credit—let me know what works best.",
    ],
    [1, 'greeting', 'Hello {{contact.name}}, how can I help you today?'],
    [
      1,
      'livraison_fr',
      'Bonjour {{contact.name}}, votre colis est chez notre transporteur et je fais vérifier son statut tout de suite.',
    ],
    [
      1,
      'remboursement_fr',
      'Je suis désolé pour ce désagrément, {{contact.name}}. Je peux vous rembourser immédiatement ou vous proposer un avoir : dites-moi ce qui vous convient le mieux.',
    ],
    [2, 'hello', 'Hello from Other Co!'],
  ];
  return rows.map(([accountId, shortCode, content], i) => ({
    id: i + 1,
    accountId,
    shortCode,
    content,
    createdAt: ago(100 * DAY - i),
    updatedAt: ago(10 * DAY - i),
  }));
}

// In-memory model of the Chatwoot records the stand-in serves. Times are epoch milliseconds
// here; the renderers (render.ts) turn them into Chatwoot's wire formats (docs/CHATWOOT.md §3).

export type ConversationStatus = 'open' | 'resolved' | 'pending' | 'snoozed';
export const CONVERSATION_STATUSES: readonly ConversationStatus[] = [
  'open',
  'resolved',
  'pending',
  'snoozed',
];
export type Priority = 'low' | 'medium' | 'high' | 'urgent';
export type Role = 'agent' | 'administrator';
/** Message.message_type: 0 incoming (customer), 1 outgoing (agent), 2 activity, 3 template. */
export type MessageType = 0 | 1 | 2 | 3;
export type SlaStatus = 'active' | 'hit' | 'missed' | 'active_with_misses';
export type JsonObject = Record<string, unknown>;

export interface User {
  id: number;
  name: string;
  displayName: string | null;
  email: string;
  password: string;
  /** Personal access token (`api_access_token` header, docs/CHATWOOT.md §2). */
  accessToken: string;
  /** RoomChannel's token (profile `pubsub_token`); unset = `standin-pubsub-<id>`. Rotated by
   * the cable control (tests/standin/cable/server.ts). */
  pubsubToken?: string;
  availability: 'online' | 'busy' | 'offline';
  invitedById: number | null;
  createdAt: number;
}

export interface AccountUser {
  accountId: number;
  userId: number;
  role: Role;
}

export interface LabelDef {
  id: number;
  title: string;
  description: string;
  color: string;
}

export interface Account {
  id: number;
  name: string;
  locale: string;
  labels: LabelDef[];
  /** Stand-in switch: drop labels the account has not defined when saving (default off). */
  strictLabels: boolean;
  /** Stand-in switch: the account has the OpenAI integration hook (docs/CHATWOOT.md §6). */
  aiEnabled: boolean;
  openaiHookId: number;
}

export interface Inbox {
  id: number;
  accountId: number;
  name: string;
  channelType: string;
  memberIds: number[];
  /** Channels with a reply window (WhatsApp: 24 h); null = can always reply. */
  replyWindowHours: number | null;
}

export interface Team {
  id: number;
  accountId: number;
  name: string;
  description: string;
  memberIds: number[];
}

export interface Contact {
  id: number;
  accountId: number;
  name: string | null;
  email: string | null;
  phoneNumber: string | null;
  identifier: string | null;
  additionalAttributes: JsonObject;
  customAttributes: JsonObject;
  blocked: boolean;
  createdAt: number;
  lastActivityAt: number | null;
}

export interface MessageSender {
  type: 'Contact' | 'User';
  id: number;
}

export interface Message {
  id: number;
  accountId: number;
  inboxId: number;
  messageType: MessageType;
  contentType: 'text';
  content: string | null;
  private: boolean;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  contentAttributes: JsonObject;
  sourceId: string | null;
  sender: MessageSender | null;
  createdAt: number;
  updatedAt: number;
}

export interface SlaPolicy {
  id: number;
  accountId: number;
  name: string;
  description: string;
  /** Thresholds in seconds (docs/CHATWOOT.md §5). */
  firstResponseTime: number | null;
  nextResponseTime: number | null;
  resolutionTime: number | null;
  onlyDuringBusinessHours: boolean;
}

export interface AppliedSla {
  id: number;
  slaPolicyId: number;
  status: SlaStatus;
  createdAt: number;
  updatedAt: number;
}

export interface SlaEvent {
  id: number;
  eventType: 'frt' | 'nrt' | 'rt';
  meta: JsonObject;
  createdAt: number;
  updatedAt: number;
}

export interface Conversation {
  /** Internal id; the API only ever shows `displayId` (docs/CHATWOOT.md §1, §7). */
  id: number;
  displayId: number;
  accountId: number;
  inboxId: number;
  contactId: number;
  uuid: string;
  status: ConversationStatus;
  priority: Priority | null;
  assigneeId: number | null;
  teamId: number | null;
  labels: string[];
  customAttributes: JsonObject;
  additionalAttributes: JsonObject;
  muted: boolean;
  snoozedUntil: number | null;
  createdAt: number;
  /** Milliseconds with a sub-millisecond part, so `updated_at` renders as a float. */
  updatedAt: number;
  lastActivityAt: number;
  firstReplyCreatedAt: number | null;
  waitingSince: number | null;
  agentLastSeenAt: number | null;
  assigneeLastSeenAt: number | null;
  contactLastSeenAt: number | null;
  slaPolicyId: number | null;
  appliedSla: AppliedSla | null;
  slaEvents: SlaEvent[];
  mentionedUserIds: number[];
  participantIds: number[];
  /** Oldest first, deleted ones included (soft delete). */
  messages: Message[];
}

export interface CannedResponse {
  id: number;
  accountId: number;
  shortCode: string;
  content: string;
  createdAt: number;
  updatedAt: number;
}

export interface FilterCondition {
  attribute_key: string;
  filter_operator: string;
  values: unknown[];
  query_operator?: string | null;
}

export interface CustomView {
  id: number;
  accountId: number;
  name: string;
  query: FilterCondition[];
}

/** A devise_token_auth session: the `access-token` / `client` / `uid` triple (docs/CHATWOOT.md §2). */
export interface Session {
  client: string;
  accessToken: string;
  uid: string;
  userId: number;
  /** Epoch seconds. */
  expiry: number;
}

export interface StandinState {
  seededAt: number;
  accounts: Account[];
  users: User[];
  accountUsers: AccountUser[];
  inboxes: Inbox[];
  teams: Team[];
  contacts: Contact[];
  conversations: Conversation[];
  cannedResponses: CannedResponse[];
  slaPolicies: SlaPolicy[];
  customViews: CustomView[];
  sessions: Session[];
  nextMessageId: number;
  /** Plays a Chatwoot older than `merge: true` on custom attributes: every POST replaces. */
  customAttributesIgnoreMerge?: boolean;
}

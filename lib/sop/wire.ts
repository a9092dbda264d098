// Tolerant readers for the Chatwoot wire fields the SOP rules use (docs/CHATWOOT.md §3).
// The rules take the raw API JSON, so these accept what Chatwoot sends and what a cache,
// a mock or a test may hand over instead: epoch seconds, numeric strings, ISO strings, Dates.

/** A time as it may arrive: epoch seconds (Chatwoot), a numeric or ISO string, or a Date. */
export type TimeInput = number | string | Date | null | undefined;

// Above this, a number cannot be epoch seconds (it would be past the year 5000):
// it is epoch milliseconds, as a JS cache would write it.
const MAX_EPOCH_SECONDS = 1e11;

/**
 * A Date, or null for "none". Chatwoot sends a missing `first_reply_created_at` or
 * `waiting_since` as 0, not null (docs/CHATWOOT.md §3), so 0 and negatives are "none" too.
 */
export function toDate(value: TimeInput): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? null : new Date(value.getTime());
  if (typeof value === 'number') return fromNumber(value);
  const text = value.trim();
  if (text === '') return null;
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return fromNumber(Number(text));
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
}

function fromNumber(value: number): Date | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  return new Date(value >= MAX_EPOCH_SECONDS ? value : value * 1000);
}

/** Message types (docs/CHATWOOT.md §3): 0 incoming = customer, 1 outgoing = agent, 2 activity, 3 template. */
export type MessageKind = 'incoming' | 'outgoing' | 'activity' | 'template';

/** The fields of a Chatwoot message that the rules read; the raw API object fits. */
export interface SopMessage {
  id?: number | null;
  content?: string | null;
  /** An integer on the API; some payloads (webhooks, the dashboard store) send the name. */
  message_type: number | string;
  private?: boolean | null;
  created_at?: TimeInput;
  content_attributes?: ContentAttributes | string | null;
  /** Who wrote it: for agents `{id, name, type: 'user'}` (Chatwoot's push_event_data). */
  sender?: AgentRef | null;
}

/** A Chatwoot user as a message's `sender` names them. */
export interface AgentRef {
  id?: number | null;
  name?: string | null;
}

/** The parts of `content_attributes` the rules read (Chatwoot adds more; they are ignored). */
export interface ContentAttributes {
  deleted?: boolean | string | null;
  /** Newer Chatwoot tags activity messages, e.g. `{ type: 'conversation_status_changed' }`. */
  activity?: { type?: string | null; status?: string | null } | null;
}

const KIND_BY_NUMBER: readonly MessageKind[] = ['incoming', 'outgoing', 'activity', 'template'];

export function messageKind(message: SopMessage): MessageKind | null {
  const type = message.message_type;
  if (typeof type === 'number') return KIND_BY_NUMBER[type] ?? null;
  const name = String(type).trim().toLowerCase();
  if (/^\d+$/.test(name)) return KIND_BY_NUMBER[Number(name)] ?? null;
  return (KIND_BY_NUMBER as readonly string[]).includes(name) ? (name as MessageKind) : null;
}

/** Soft-deleted: `content_attributes.deleted` (docs/CHATWOOT.md §3 "delete a message"). */
export function contentAttributes(message: SopMessage): ContentAttributes | null {
  const attributes = message.content_attributes;
  if (typeof attributes !== 'string') return attributes ?? null;
  // Older Chatwoot versions serialise content_attributes as a JSON string.
  try {
    const parsed: unknown = JSON.parse(attributes);
    return typeof parsed === 'object' && parsed !== null ? (parsed as ContentAttributes) : null;
  } catch {
    return null;
  }
}

export function isDeleted(message: SopMessage): boolean {
  const deleted = contentAttributes(message)?.deleted;
  return deleted === true || deleted === 'true';
}

export function isPrivate(message: SopMessage): boolean {
  return message.private === true;
}

/** The text of a message that is not deleted, trimmed; '' when there is none. */
export function messageText(message: SopMessage): string {
  if (isDeleted(message)) return '';
  return typeof message.content === 'string' ? message.content.trim() : '';
}

/** The customer wrote it: incoming and not a private note (docs/CHATWOOT.md §3), not deleted. */
export function isCustomerMessage(message: SopMessage): boolean {
  return messageKind(message) === 'incoming' && !isPrivate(message) && !isDeleted(message);
}

/** An agent's reply the customer saw: outgoing, not a private note, not deleted. */
export function isAgentReply(message: SopMessage): boolean {
  return messageKind(message) === 'outgoing' && !isPrivate(message) && !isDeleted(message);
}

/** The message id when it is a usable number. */
export function messageId(message: SopMessage): number | undefined {
  return typeof message.id === 'number' && Number.isFinite(message.id) ? message.id : undefined;
}

/**
 * Messages oldest first. The messages endpoint already returns them so; this only reorders
 * when every message carries a time (a stable sort keeps same-second messages in given order).
 */
export function chronological<T extends SopMessage>(messages: readonly T[]): T[] {
  const times = messages.map((m) => toDate(m.created_at)?.getTime());
  if (times.some((t) => t === undefined)) return [...messages];
  return messages
    .map((message, index) => ({ message, index, time: times[index] ?? 0 }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map((entry) => entry.message);
}

import type { ChatwootApi } from '../chatwoot/client';
import type { WireMessage } from '../chatwoot/schemas';

// Exactly once by identity, not by text (docs/SECURITY.md, "Exactly once"). Chatwoot has no
// idempotency key and a POST can land without an answer, so before the FIRST POST of a message
// the outbox stores the id of the conversation's newest message (the anchor). Any later look
// — a retry, or the read-back after a POST — reads only messages after that id (`after=` pages,
// so any number of messages in between is seen) and counts a message as ours only when it is
// an outgoing message with our exact text, written by the signed-in user, and not already owned
// by another decision. No clock takes part: message ids only grow.

/** Chatwoot's `after=` page: up to 100 messages. */
const AFTER_PAGE = 100;
/** 100 pages (10,000 messages since the anchor) before giving up looking further. */
const MAX_PAGES = 100;

export interface OnceContext {
  api: ChatwootApi;
  accountId: number;
  conversationId: number;
  /** The signed-in user's Chatwoot id: messages by anyone else are never ours. */
  userId: number;
  /** Message ids other decisions already own. */
  attributed: Set<number>;
  /** Anchors stored by earlier attempts, by step. */
  anchors: Readonly<Record<string, number>>;
  /** Stores the anchor of `step` (durably, before the POST); resolves to the one kept. */
  saveAnchor(step: string, messageId: number): Promise<number>;
}

export interface PostOutcome {
  messageId: number;
  /** Copies Chromium re-sent by itself, soft-deleted here (a channel may have delivered them). */
  deletedCopyIds: number[];
}

export async function postOnce(
  ctx: OnceContext,
  step: string,
  content: string,
  isPrivate: boolean,
): Promise<PostOutcome> {
  const { api, accountId: a, conversationId: c } = ctx;
  const ours = (m: WireMessage) => isOurs(m, ctx, content, isPrivate);
  let anchor = ctx.anchors[step];
  if (anchor !== undefined) {
    // An earlier attempt stored the anchor, then may have posted: look before posting again.
    const found = (await messagesAfter(api, a, c, anchor)).filter(ours);
    if (found.length) return keepFirst(ctx, found);
  } else {
    const latest = await api.messages(a, c);
    anchor = await ctx.saveAnchor(step, Math.max(0, ...latest.map((m) => m.id)));
  }
  const posted = await api.postMessage(a, c, { content, private: isPrivate });
  // Read back: Chromium may have re-sent the POST on a dropped keep-alive connection without
  // telling fetch, so a second copy may exist. Keep the first, soft-delete the others.
  const copies = (await messagesAfter(api, a, c, anchor)).filter(ours);
  if (!copies.some((m) => m.id === posted.id)) copies.push(posted);
  return keepFirst(ctx, copies);
}

function isOurs(m: WireMessage, ctx: OnceContext, content: string, isPrivate: boolean): boolean {
  const sender = m.sender;
  return (
    (m.message_type === 1 || m.message_type === 'outgoing') &&
    m.private === isPrivate &&
    !m.content_attributes?.deleted &&
    m.content === content &&
    sender?.id === ctx.userId &&
    // The sender of an agent's message is a user; contacts and bots number their ids apart.
    (sender.type == null || sender.type.toLowerCase() === 'user') &&
    !ctx.attributed.has(m.id)
  );
}

/** Every message with an id above `after`, through `after=` pages. */
async function messagesAfter(
  api: ChatwootApi,
  a: number,
  c: number,
  after: number,
): Promise<WireMessage[]> {
  const seen = new Map<number, WireMessage>();
  let cursor = after;
  for (let page = 0; page < MAX_PAGES; page++) {
    const batch = await api.messages(a, c, { after: cursor });
    for (const m of batch) if (m.id > after) seen.set(m.id, m);
    const last = Math.max(cursor, ...batch.map((m) => m.id));
    if (batch.length < AFTER_PAGE || last === cursor) break;
    cursor = last;
  }
  return [...seen.values()].sort((x, y) => x.id - y.id);
}

async function keepFirst(ctx: OnceContext, copies: WireMessage[]): Promise<PostOutcome> {
  const [first, ...extra] = [...copies].sort((x, y) => x.id - y.id);
  for (const m of extra) await ctx.api.deleteMessage(ctx.accountId, ctx.conversationId, m.id);
  return { messageId: first!.id, deletedCopyIds: extra.map((m) => m.id) };
}

/** The log's words for a sent decision whose message Chromium had doubled. */
export function copiesWords(ids: number[]): string {
  return (
    `Chromium sent the message ${ids.length + 1} times; the extra ${ids.length === 1 ? 'copy' : 'copies'} ` +
    `(message ${ids.join(', ')}) was deleted in Chatwoot, but an email or WhatsApp copy may already have reached the customer.`
  );
}

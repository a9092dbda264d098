import type { Standin } from '../standin/server';
import { SEED } from '../standin/seed';

/** What the stand-in (our Chatwoot) now holds for one conversation. */
export function conversationState(standin: Standin, displayId: number, accountId = SEED.accountId) {
  const conversation = standin.state.conversations.find(
    (c) => c.displayId === displayId && c.accountId === accountId,
  );
  if (!conversation) throw new Error(`No conversation ${displayId}`);
  const live = conversation.messages.filter((m) => !m.contentAttributes.deleted);
  return {
    status: conversation.status,
    labels: [...conversation.labels],
    replies: live.filter((m) => m.messageType === 1 && !m.private).map((m) => m.content),
    notes: live.filter((m) => m.messageType === 1 && m.private).map((m) => m.content ?? ''),
  };
}

import { AHEAD_CALLS_PER_MINUTE, RollingMinute } from '../ahead-budget';
import type { ReplyOf } from '../messages';
import { apiOrigin, type Settings } from '../settings/settings';
import { apiFor, currentOperator, type ApiDeps } from './api';
import { recordBreaches } from './health/report';
import type { KeyValueStore } from './kv';
import { fail } from './requests';

// Loading one conversation for the panel (conversation/get, or early when its tab moved:
// early-switch.ts), and the count of the calls this worker makes ahead of need.

/** Chatwoot calls this worker made ahead of need in the last minute (lib/ahead-budget.ts). */
export const aheadCalls = new RollingMinute(AHEAD_CALLS_PER_MINUTE, () => Date.now());
export const CALLS_PER_CONVERSATION = 2; // the conversation and its messages

/** What conversation/get answers. */
export type ConversationReply = ReplyOf<'conversation/get'>;

export const conversationKey = (origin: string, accountId: number, conversationId: number) =>
  `${origin}|${accountId}/${conversationId}`;

/** GET the conversation and its messages, side by side (2 calls; the operator is cached). */
export async function loadConversation(
  deps: ApiDeps & { kv: KeyValueStore },
  settings: Settings,
  accountId: number,
  conversationId: number,
): Promise<ConversationReply> {
  try {
    const client = await apiFor(deps, settings);
    const [conversation, messages, operator] = await Promise.all([
      client.conversation(accountId, conversationId),
      client.messages(accountId, conversationId),
      currentOperator(client, apiOrigin(settings), accountId).catch(() => null),
    ]);
    if (!settings.mockMode) {
      // Off the answer's path: an opened conversation's breach counts for the day too.
      void recordBreaches(deps.kv, [conversation], {
        now: new Date(),
        slaMinutes: settings.slaMinutes,
        clock: settings.slaClock,
        origin: settings.chatwootUrl,
      }).catch(() => undefined);
    }
    return { ok: true, value: { conversation, messages, operator } };
  } catch (error) {
    return fail(error);
  }
}

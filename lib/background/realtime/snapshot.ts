import type { WireMessage } from '../../chatwoot/schemas';
import Dexie from 'dexie';
import type { DecisionsDb } from '../../decisions/db';
import type { LoggedDecision } from '../../sop/follow-up-start';
import { needsThread } from '../../sop/follow-up-queue';
import { apiOrigin, getSettings } from '../../settings/settings';
import { apiFor, type ApiDeps } from '../api';
import { allQueueConversations } from '../service';
import { aheadCalls } from '../conversation-load';

const TWO_WEEKS_MS = 14 * 86_400_000;

/** What the badge counts: the queue, the recent decisions on it, and the threads of the few
 * conversations that can carry a follow-up flag (lib/sop/follow-up-queue.ts). */
export async function loadQueueSnapshot(deps: ApiDeps & { db: DecisionsDb }, accountId: number) {
  const client = await apiFor(deps);
  const origin = apiOrigin(await getSettings());
  const conversations = await allQueueConversations(client, accountId, origin);
  // Dexie directly (the log's readers in lib/decisions/query.ts would add 3 KB to the worker).
  const since = new Date(Date.now() - TWO_WEEKS_MS);
  const rows = await deps.db.decisions
    .where('[createdAt+id]')
    .between([since, Dexie.minKey], [Dexie.maxKey, Dexie.maxKey])
    .filter(
      (d) =>
        d.syncState === 'sent' &&
        (d.action === 'chatwoot.approve_send' || d.action === 'chatwoot.escalate'),
    )
    .toArray();
  const decisions = new Map<number, LoggedDecision[]>();
  for (const d of rows) {
    if (d.chatwootOrigin !== origin || d.accountId !== accountId) continue;
    decisions.set(d.conversationId, [...(decisions.get(d.conversationId) ?? []), d]);
  }
  const threads = new Map<number, WireMessage[]>();
  const wanted = conversations.filter((c) => needsThread(c, decisions.get(c.id)));
  aheadCalls.spend(wanted.length);
  await Promise.all(
    wanted.map(async (c) => threads.set(c.id, await client.messages(accountId, c.id))),
  );
  return { conversations, decisions, threads };
}

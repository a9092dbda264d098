import type { ChatwootApi } from '../chatwoot/client';
import type { WireConversation } from '../chatwoot/schemas';
import { nativePriorityToWrite } from '../sop/native-priority';
import { slaPriority, type SlaOptions } from '../sop/sla';
import type { KeyValueStore } from './kv';

// Writes the SLA priority into Chatwoot's own priority field when the policy asks
// (`nativePriority`; rule: lib/sop/native-priority.ts), for the conversations the worker just
// read (the queue). What it wrote is kept per conversation, after Chatwoot took it: a write whose
// answer was lost is simply seen as already right next time.

export async function writeNativePriorities(
  deps: { kv: KeyValueStore; api: ChatwootApi },
  conversations: readonly WireConversation[],
  where: { origin: string; accountId: number },
  sla: SlaOptions,
): Promise<number> {
  const { api, kv } = deps;
  if (!api.setPriority) return 0;
  let written = 0;
  for (const c of conversations) {
    const key = `native-priority:${where.origin}|${where.accountId}|${c.id}`;
    const last = await kv.get<string>(key);
    const priority = nativePriorityToWrite(slaPriority(c, sla).priority, c.priority, last);
    if (!priority) continue;
    await api.setPriority(where.accountId, c.id, priority);
    await kv.set(key, priority);
    written++;
  }
  return written;
}

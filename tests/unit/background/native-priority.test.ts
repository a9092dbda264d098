import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tableKv } from '../../../lib/background/kv';
import { writeNativePriorities } from '../../../lib/background/native-priority';
import { ChatwootClient } from '../../../lib/chatwoot/client';
import { DecisionsDb } from '../../../lib/decisions/db';
import { slaPriority } from '../../../lib/sop/sla';
import { SEED, startStandin, type Standin } from '../../standin/server';

// Chatwoot's own priority from the SLA, against the stand-in over real HTTP: written where no
// person set one, followed while it is ours, never over a person's.

const NOW = new Date('2026-03-02T10:00:00.000Z');
let standin: Standin;
let n = 0;
beforeAll(async () => {
  standin = await startStandin({ now: () => NOW, quiet: true });
});
afterAll(async () => {
  await standin.close();
});
beforeEach(() => standin.reset());

const api = () =>
  new ChatwootClient({
    origin: standin.url,
    authHeaders: async () => ({ api_access_token: SEED.agentToken }),
  });

async function queue(client: ChatwootClient) {
  const out = [];
  for (const status of ['open', 'pending'] as const) {
    for (let page = 1; ; page++) {
      const { conversations } = await client.listConversations(1, { status, page });
      out.push(...conversations);
      if (conversations.length < 25) break;
    }
  }
  return out;
}

describe('native priority', () => {
  it('writes P1/P2/P3 where none is set, keeps a person’s, follows its own', async () => {
    const client = api();
    const kv = tableKv(new DecisionsDb(`native-${n++}`).kv);
    const where = { origin: standin.url, accountId: 1 };
    const sla = { now: NOW, slaMinutes: 30 };
    const before = await queue(client);
    const levelled = before.filter((c) => slaPriority(c, sla).priority !== null);
    expect(levelled.length).toBeGreaterThan(1);
    // A person set one conversation's priority by hand.
    const manual = levelled[0]!;
    await client.setPriority(1, manual.id, 'low');

    const written = await writeNativePriorities(
      { kv, api: client },
      await queue(client),
      where,
      sla,
    );
    const after = new Map((await queue(client)).map((c) => [c.id, c.priority]));
    expect(after.get(manual.id)).toBe('low');
    const wanted = { P1: 'urgent', P2: 'high', P3: 'medium' } as const;
    for (const c of levelled.slice(1).filter((c) => !c.priority)) {
      expect(after.get(c.id)).toBe(wanted[slaPriority(c, sla).priority!]);
    }
    expect(written).toBe(levelled.slice(1).filter((c) => !c.priority).length);

    // Nothing changed: nothing written. A person changes one of ours: it stays theirs.
    expect(await writeNativePriorities({ kv, api: client }, await queue(client), where, sla)).toBe(
      0,
    );
    const ours = levelled.slice(1).find((c) => !c.priority)!;
    await client.setPriority(1, ours.id, 'low');
    expect(await writeNativePriorities({ kv, api: client }, await queue(client), where, sla)).toBe(
      0,
    );
    expect((await client.conversation(1, ours.id)).priority).toBe('low');
  });
});

// The team log's bench (issue 19; `npm run bench -- --only team`):
// 10,000 decisions over 2,000 conversations of the stand-in, synced by the worker's own code
// (lib/background/team-sync.ts over lib/chatwoot/client.ts, real HTTP): API calls, decisions per
// call and the time, for the first sync and for an incremental one after 10 conversations changed.
// Node with fake-indexeddb stands in for the worker's IndexedDB. Writes bench/out/team.json.
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { TeamSync, type TeamSyncSummary } from '../lib/background/team-sync';
import { tableKv } from '../lib/background/kv';
import { ChatwootClient } from '../lib/chatwoot/client';
import { DecisionsDb } from '../lib/decisions/db';
import { decisionIdAt } from '../lib/decisions/ids';
import { encodeTeamRecord } from '../lib/decisions/team-record';
import { SEED } from '../tests/standin/seed';
import { startStandin } from '../tests/standin/server';

const CONVERSATIONS = 2_000;
const PER_CONVERSATION = 5;

export interface TeamBench {
  decisions: number;
  conversations: number;
  first: { apiCalls: number; perCall: number; seconds: number; added: number };
  incremental: { apiCalls: number; perCall: number; seconds: number; added: number };
}

export async function measureTeam(): Promise<TeamBench> {
  const standin = await startStandin({ port: 0, quiet: true });
  try {
    const state = standin.state;
    const base = state.conversations.find((c) => c.accountId === SEED.accountId)!;
    const others = state.conversations.filter((c) => c.accountId !== SEED.accountId);
    const day = Date.parse('2026-03-01T00:00:00Z');
    let n = 0;
    const record = (conversationId: number) => {
      const createdAt = new Date(day + n * 1000);
      const random = Array.from({ length: 10 }, (_, k) => (n * 31 + k * 17) & 0xff);
      n++;
      return encodeTeamRecord(
        {
          id: decisionIdAt(createdAt, random),
          action: n % 3 === 0 ? 'chatwoot.escalate' : 'chatwoot.approve_send',
          conversationId,
          createdAt,
          operatorEmail: `agent${n % 50}@acme.test`,
          operatorId: 100 + (n % 50),
          profileId: `profile-${n % 50}`,
          suggestedTemplate: 'ack_delay',
          edited: n % 4 === 0,
          replySource: 'template',
          escalationReason: n % 3 === 0 ? 'refund_over_500' : null,
          note: null,
          replyBody: 'Hi, thanks for your patience: your order ships today.',
          suggestedBody: 'Hi, thanks for your patience.',
        },
        1_000 + n,
      );
    };
    const made = Array.from({ length: CONVERSATIONS }, (_, i) => {
      const displayId = i + 1;
      const attrs: Record<string, string> = { order_id: `o-${displayId}` };
      for (let k = 0; k < PER_CONVERSATION; k++) {
        const [key, value] = record(displayId);
        attrs[key] = value;
      }
      return {
        ...structuredClone(base),
        id: 100_000 + i,
        displayId,
        uuid: `bench-${i}`,
        customAttributes: attrs,
        messages: [],
        updatedAt: day,
      };
    });
    state.conversations = [...others, ...made];

    let calls = 0;
    const client = new ChatwootClient({
      origin: standin.url,
      authHeaders: async () => ({ api_access_token: SEED.adminToken }),
      fetch: (input, init) => {
        calls++;
        return fetch(input, init);
      },
    });
    const db = new DecisionsDb('bench-team');
    await db.delete();
    await db.open();
    const sync = new TeamSync({ db, kv: tableKv(db.kv) });
    const target = { api: client, origin: standin.url, accountId: SEED.accountId };
    const timed = async (): Promise<[TeamSyncSummary, number, number]> => {
      calls = 0;
      const t0 = performance.now();
      const summary = await sync.start(target);
      return [summary, calls, (performance.now() - t0) / 1000];
    };
    const [first, firstCalls, firstSeconds] = await timed();
    if (!first.complete || first.added !== CONVERSATIONS * PER_CONVERSATION) {
      throw new Error(`first sync incomplete: ${JSON.stringify(first)}`);
    }
    // Ten conversations get one more decision each, written the way the outbox writes them.
    for (let i = 0; i < 10; i++) {
      const [key, value] = record(i + 1);
      await client.setCustomAttributes(SEED.accountId, i + 1, { [key]: value });
    }
    const [next, nextCalls, nextSeconds] = await timed();
    db.close();
    const round = (x: number) => Math.round(x * 100) / 100;
    return {
      decisions: CONVERSATIONS * PER_CONVERSATION,
      conversations: CONVERSATIONS,
      first: {
        apiCalls: firstCalls,
        perCall: round(first.records / firstCalls),
        seconds: round(firstSeconds),
        added: first.added,
      },
      incremental: {
        apiCalls: nextCalls,
        perCall: round(next.records / Math.max(1, nextCalls)),
        seconds: round(nextSeconds),
        added: next.added,
      },
    };
  } finally {
    await standin.close();
  }
}

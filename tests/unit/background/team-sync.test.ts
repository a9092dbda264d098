import { describe, expect, it } from 'vitest';
import { TeamSync } from '../../../lib/background/team-sync';
import { tableKv } from '../../../lib/background/kv';
import { ChatwootError } from '../../../lib/chatwoot/errors';
import type { WireConversation } from '../../../lib/chatwoot/schemas';
import { DecisionsDb } from '../../../lib/decisions/db';
import { countByAction } from '../../../lib/decisions/counts';
import { decisionsToCsv } from '../../../lib/decisions/csv';
import { queryDecisions } from '../../../lib/decisions/query';
import { decisionIdAt } from '../../../lib/decisions/ids';
import type { DecisionRecord } from '../../../lib/decisions/record';
import { encodeTeamRecord, teamKey } from '../../../lib/decisions/team-record';
import { FakeChatwoot } from './fake-api';

const ORIGIN = 'https://chat.example.org';
let n = 0;

/** A Chatwoot whose list carries custom attributes. `unpaged`: it honours `updated_within`
 * as Chatwoot does (every match at once, `page` ignored); otherwise it pages and ignores it. */
class ListChatwoot extends FakeChatwoot {
  convs: Array<{ id: number; attrs: Record<string, unknown>; updatedAt: number }> = [];
  unpaged = true;
  listCalls: Array<{ page: number; updatedWithin?: number }> = [];
  onPage: ((page: number) => void) | null = null;
  nowMs = Date.parse('2026-03-02T12:00:00Z');

  async listAllConversations(_a: number, opts: { page: number; updatedWithin?: number }) {
    this.listCalls.push(opts);
    this.onPage?.(opts.page);
    const step = this.script.listConversations?.shift();
    if (step instanceof ChatwootError) throw step;
    const wire = (c: (typeof this.convs)[number]) =>
      ({
        id: c.id,
        account_id: 1,
        status: 'resolved',
        custom_attributes: c.attrs,
      }) as unknown as WireConversation;
    if (opts.updatedWithin && this.unpaged) {
      const from = this.nowMs - opts.updatedWithin * 1000;
      return this.convs.filter((c) => c.updatedAt > from).map(wire);
    }
    return this.convs.slice((opts.page - 1) * 25, opts.page * 25).map(wire);
  }
}

function decision(i: number, conversationId: number): DecisionRecord {
  const createdAt = new Date(Date.parse('2026-03-01T00:00:00Z') + i * 1000);
  const rnd = Array.from({ length: 10 }, (_, k) => (i * 7 + k * 13) & 0xff);
  return {
    id: decisionIdAt(createdAt, rnd),
    action: i % 3 === 0 ? 'chatwoot.escalate' : 'chatwoot.approve_send',
    scope: 'ops',
    accountId: 1,
    conversationId,
    chatwootOrigin: ORIGIN,
    operatorEmail: `agent${i % 50}@acme.test`,
    operatorId: 10 + (i % 50),
    profileId: `profile-${i % 50}`,
    replyBody: 'Hello',
    suggestedTemplate: 'ack_delay',
    suggestedBody: 'Hello',
    edited: false,
    replySource: 'template',
    note: null,
    escalationReason: i % 3 === 0 ? 'legal_fraud' : null,
    createdAt,
    updatedAt: createdAt,
    syncState: 'sent',
    error: null,
    attempts: 1,
    mock: false,
  };
}

function world(conversations: number, perConversation: number) {
  const chatwoot = new ListChatwoot();
  const all: DecisionRecord[] = [];
  for (let c = 1; c <= conversations; c++) {
    const attrs: Record<string, unknown> = { order_id: `o-${c}` };
    for (let k = 0; k < perConversation; k++) {
      const d = decision(all.length, c);
      all.push(d);
      const [key, value] = encodeTeamRecord(d, null);
      attrs[key] = value;
    }
    chatwoot.convs.push({ id: c, attrs, updatedAt: chatwoot.nowMs - 86_400_000 });
  }
  const db = new DecisionsDb(`team-sync-${n++}`);
  let clock = chatwoot.nowMs;
  const sync = new TeamSync({ db, kv: tableKv(db.kv), now: () => new Date(clock) });
  const target = { api: chatwoot, origin: ORIGIN, accountId: 1 };
  return {
    chatwoot,
    all,
    db,
    sync,
    target,
    advance: (ms: number) => ((clock += ms), (chatwoot.nowMs += ms)),
  };
}

describe('team sync', () => {
  it('reads every record once, beside the decisions made here, then only what changed', async () => {
    const { chatwoot, all, db, sync, target, advance } = world(60, 5);
    await db.decisions.add({ ...all[7]!, operatorEmail: 'me@acme.test' }); // made in this browser
    const first = await sync.start(target);
    expect(first).toMatchObject({
      complete: true,
      incremental: false,
      pages: 3,
      conversations: 60,
    });
    expect(first.records).toBe(300);
    expect(first.added).toBe(299);
    expect(await db.decisions.count()).toBe(300);
    const mine = await db.decisions.get(all[7]!.id);
    expect(mine!.operatorEmail).toBe('me@acme.test');
    expect(mine!.source).toBeUndefined();
    const theirs = await db.decisions.get(all[8]!.id);
    expect(theirs).toMatchObject({
      source: 'team',
      operatorEmail: 'agent8@acme.test',
      profileId: 'profile-8',
    });

    // One conversation gets a new record: the next sync asks only for what changed.
    advance(3_600_000);
    const extra = decision(999, 5);
    const [key, value] = encodeTeamRecord(extra, null);
    chatwoot.convs[4]!.attrs[key] = value;
    chatwoot.convs[4]!.updatedAt = chatwoot.nowMs - 1000;
    chatwoot.listCalls = [];
    const second = await sync.start(target);
    expect(second).toMatchObject({ complete: true, incremental: true, added: 1, conversations: 1 });
    expect(chatwoot.listCalls).toHaveLength(1);
    expect(chatwoot.listCalls[0]!.updatedWithin).toBeGreaterThanOrEqual(3_600 + 600);
    expect(await db.decisions.count()).toBe(301);
    expect((await sync.status(ORIGIN, 1)).lastCompleteAt).toBe(
      new Date(chatwoot.nowMs).toISOString(),
    );
  });

  it('the log: "This browser" shows the decisions made here, "Team" every one once; CSV names who and where', async () => {
    const { all, db, sync, target } = world(10, 3);
    await db.decisions.add({ ...all[4]!, source: undefined, profileId: 'this-profile' });
    await sync.start(target);
    const team = await queryDecisions(db, {}, { limit: 100 });
    expect(team.rows).toHaveLength(30);
    expect(new Set(team.rows.map((r) => r.id)).size).toBe(30);
    const here = await queryDecisions(db, { scope: 'browser' }, { limit: 100 });
    expect(here.rows.map((r) => r.id)).toEqual([all[4]!.id]);
    const counts = await countByAction(db, { scope: 'browser' });
    expect(counts['chatwoot.approve_send'] + counts['chatwoot.escalate']).toBe(1);
    const csv = decisionsToCsv(team.rows.filter((r) => r.id === all[5]!.id || r.id === all[4]!.id));
    expect(csv).toContain(',profile-5,team');
    expect(csv).toContain(',this-profile,this_browser');
  });

  it('an unpaged answer of more than a page stops when a page brings nothing new', async () => {
    const { chatwoot, sync, target, advance } = world(40, 1);
    await sync.start(target);
    advance(60_000);
    for (const c of chatwoot.convs) c.updatedAt = chatwoot.nowMs - 1000;
    chatwoot.listCalls = [];
    const again = await sync.start(target);
    expect(again).toMatchObject({ complete: true, added: 0, conversations: 40 });
    expect(chatwoot.listCalls.map((c) => c.page)).toEqual([1, 2]);
  });

  it('a server ignoring updated_within is read page by page, nothing counted twice', async () => {
    const { chatwoot, sync, target, advance } = world(60, 2);
    chatwoot.unpaged = false;
    await sync.start(target);
    advance(60_000);
    const again = await sync.start(target);
    expect(again).toMatchObject({
      complete: true,
      incremental: true,
      added: 0,
      records: 120,
      pages: 3,
    });
  });

  it('Stop ends the run between pages; the next run reads the window again, no duplicates', async () => {
    const { chatwoot, db, sync, target } = world(60, 2);
    chatwoot.onPage = (page) => {
      if (page === 2) sync.stop();
    };
    const stopped = await sync.start(target);
    expect(stopped).toMatchObject({ complete: false, pages: 2, added: 100 });
    expect((await sync.status(ORIGIN, 1)).lastCompleteAt).toBeNull();
    chatwoot.onPage = null;
    const resumed = await sync.start(target);
    expect(resumed).toMatchObject({ complete: true, incremental: false, added: 20 });
    expect(await db.decisions.count()).toBe(120);
    expect(sync.stop()).toBe(false);
  });

  it('a failure half-way keeps what was read and says why', async () => {
    const { chatwoot, db, sync, target } = world(60, 1);
    chatwoot.script.listConversations = [
      undefined as never,
      new ChatwootError('server', '502 Bad Gateway', 502),
    ];
    const summary = await sync.start(target);
    expect(summary.complete).toBe(false);
    expect(summary.error).toContain('502');
    expect(await db.decisions.count()).toBe(25);
  });

  it('bad records are counted and named; good ones around them are kept', async () => {
    const { chatwoot, db, sync, target } = world(3, 2);
    chatwoot.convs[0]!.attrs[teamKey('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')] = '{"v":1,"id":"0190';
    chatwoot.convs[2]!.attrs[teamKey('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c')] = JSON.stringify({
      id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c',
      a: 'approve',
      t: '2026-03-01T00:00:00Z',
      op: 'x@acme.test',
      c: 404,
    });
    const summary = await sync.start(target);
    expect(summary.added).toBe(6);
    expect(summary.bad).toBe(2);
    expect(summary.badRecords.map((b) => [b.conversationId, b.problem])).toEqual([
      [1, 'unreadable'],
      [3, 'other_conversation'],
    ]);
    expect(await db.decisions.count()).toBe(6);
  });

  it('fifty operators, one run at a time', async () => {
    const { sync, target, db } = world(200, 5);
    const [a, b] = await Promise.all([sync.start(target), sync.start(target)]);
    expect(a).toBe(b);
    expect(a.added).toBe(1000);
    const operators = new Set((await db.decisions.toArray()).map((d) => d.operatorEmail));
    expect(operators.size).toBe(50);
  });
});

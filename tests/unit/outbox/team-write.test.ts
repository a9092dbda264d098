import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Outbox } from '../../../lib/outbox/engine';
import { Credentials } from '../../../lib/background/credentials';
import { tableKv } from '../../../lib/background/kv';
import { ChatwootError } from '../../../lib/chatwoot/errors';
import { DecisionsDb, getDecision } from '../../../lib/decisions/db';
import { parseTeamRecords, teamKey } from '../../../lib/decisions/team-record';
import type { ActionInput } from '../../../lib/messages';
import { settingsItem, DEFAULT_SETTINGS } from '../../../lib/settings/settings';
import { TeamFakeChatwoot } from '../background/fake-api';

// The team record goes with the decision through the outbox: once, after Chatwoot took the
// decision, surviving a stopped worker, never dropping another key.

let n = 0;
function setup(chatwoot = new TeamFakeChatwoot()) {
  const db = new DecisionsDb(`team-write-${n++}`);
  const kv = tableKv(db.kv);
  let clock = new Date('2026-11-27T10:00:00Z').getTime();
  const make = () =>
    new Outbox({
      db,
      kv,
      credentials: new Credentials(kv),
      api: async () => chatwoot,
      now: () => new Date(clock),
      random: () => 0,
    });
  return { db, chatwoot, outbox: make(), restart: make, advance: (ms: number) => (clock += ms) };
}

const approve: ActionInput = {
  action: 'chatwoot.approve_send',
  accountId: 1,
  conversationId: 7,
  replyBody: 'Hi Ana, edited.',
  suggestedTemplate: 'ack_delay',
  suggestedBody: 'Hi Ana, thanks for your patience.',
  note: null,
  customerName: 'Ana',
};
const escalate: ActionInput = {
  action: 'chatwoot.escalate',
  accountId: 1,
  conversationId: 7,
  reason: 'refund_over_500',
  note: 'Wants $900 back',
  customerLastMessage: 'Money back please',
  slaSummary: 'P1',
};

const read = (chatwoot: TeamFakeChatwoot, c = 7) =>
  parseTeamRecords(
    { accountId: 1, conversationId: c, customAttributes: chatwoot.attrsOf.get(c) },
    'https://chat.example.org',
    new Date(),
  );

beforeEach(async () => {
  fakeBrowser.reset();
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: 'https://chat.example.org' });
});

describe('team record through the outbox', () => {
  it('each decision leaves one record beside the keys already there', async () => {
    const { outbox, chatwoot, db } = setup();
    chatwoot.attrsOf.set(7, { order_id: '123' });
    const a = await outbox.submit(approve);
    const e = await outbox.submit(escalate);
    expect(a.ok && a.value.syncState).toBe('sent');
    expect(e.ok && e.value.syncState).toBe('sent');
    const { records, bad } = read(chatwoot);
    expect(bad).toEqual([]);
    expect(chatwoot.attrsOf.get(7)!.order_id).toBe('123');
    const local = await getDecision(db, a.ok ? a.value.id : '');
    const byId = new Map(records.map((r) => [r.id, r]));
    expect(byId.get(local!.id)).toMatchObject({
      operatorEmail: 'dana@acme.test',
      operatorId: 1,
      profileId: local!.profileId,
      suggestedTemplate: 'ack_delay',
      edited: true,
      postedMessageId: local!.postedMessageId,
    });
    expect(local!.profileId).toMatch(/^[0-9a-f-]{36}$/);
    expect(byId.get(e.ok ? e.value.id : '')).toMatchObject({
      action: 'chatwoot.escalate',
      escalationReason: 'refund_over_500',
      note: 'Wants $900 back',
    });
  });

  it('a worker stopped after the write landed: the retry finds it and writes nothing more', async () => {
    const { outbox, chatwoot, restart, advance, db } = setup();
    chatwoot.script.setCustomAttributes = ['land-then-drop'];
    const first = await outbox.submit(approve);
    advance(60_000);
    await restart().run();
    const record = await getDecision(db, first.ok ? first.value.id : '');
    expect(record!.syncState).toBe('sent');
    expect(chatwoot.attrWrites).toBe(1);
    expect(chatwoot.sent(7)).toHaveLength(1); // the reply, once
    expect(Object.keys(chatwoot.attrsOf.get(7)!)).toEqual([teamKey(record!.id)]);
  });

  it('a transient failure of the record retries the decision without a second reply', async () => {
    const { outbox, chatwoot, restart, advance } = setup();
    chatwoot.script.setCustomAttributes = [new ChatwootError('server', '502', 502)];
    await outbox.submit(approve);
    advance(60_000);
    await restart().run();
    expect(chatwoot.sent(7)).toHaveLength(1);
    expect(read(chatwoot).records).toHaveLength(1);
  });

  it('an older Chatwoot that replaces: a colleague dropping our key in the same moment is answered', async () => {
    const chatwoot = new TeamFakeChatwoot();
    chatwoot.replaces = true;
    const { outbox } = setup(chatwoot);
    chatwoot.attrsOf.set(7, { order_id: '123' });
    // The colleague read before our write; their replace lands right after ours.
    chatwoot.between = (c) => {
      chatwoot.between = null;
      chatwoot.attrsOf.set(c, { order_id: '123', cxd_colleague: 'theirs' });
    };
    const done = await outbox.submit(approve);
    expect(done.ok && done.value.syncState).toBe('sent');
    const attrs = chatwoot.attrsOf.get(7)!;
    expect(attrs.cxd_colleague).toBe('theirs');
    expect(attrs.order_id).toBe('123');
    expect(read(chatwoot).records).toHaveLength(1);
    expect(chatwoot.attrWrites).toBe(2);
  });

  it('a record already there (an earlier attempt, a hand edit) is left as it is', async () => {
    const { outbox, chatwoot, db } = setup();
    const first = await outbox.submit(approve);
    const id = first.ok ? first.value.id : '';
    chatwoot.attrsOf.set(7, { [teamKey(id)]: 'edited by an admin' });
    const writes = chatwoot.attrWrites;
    // Retry of a sent decision is refused; run the action again through a resolve instead.
    await outbox.submit({
      action: 'chatwoot.mark_resolved',
      accountId: 1,
      conversationId: 7,
      note: null,
    });
    expect(chatwoot.attrsOf.get(7)![teamKey(id)]).toBe('edited by an admin');
    expect(chatwoot.attrWrites).toBe(writes + 1); // only the resolve's own record
    expect((await getDecision(db, id))!.syncState).toBe('sent');
  });
});

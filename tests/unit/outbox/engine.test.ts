import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ORPHAN_GRACE_MS, Outbox } from '../../../lib/outbox/engine';
import { Credentials } from '../../../lib/background/credentials';
import { tableKv } from '../../../lib/background/kv';
import { ChatwootError } from '../../../lib/chatwoot/errors';
import { DecisionsDb, getDecision } from '../../../lib/decisions/db';
import { listOutbox } from '../../../lib/outbox/store';
import type { ActionInput } from '../../../lib/messages';
import { settingsItem, DEFAULT_SETTINGS } from '../../../lib/settings/settings';
import { FakeChatwoot } from '../background/fake-api';

let dbCount = 0;

function setup(chatwoot = new FakeChatwoot()) {
  const db = new DecisionsDb(`outbox-test-${dbCount++}`);
  const kv = tableKv(db.kv);
  let clock = new Date('2026-11-27T10:00:00Z').getTime();
  const make = () =>
    new Outbox({
      db,
      kv,
      credentials: new Credentials(kv),
      api: async () => chatwoot,
      now: () => new Date(clock),
      random: () => 0, // backoff of 0 ms: retries are due at once
    });
  return { db, chatwoot, outbox: make(), restart: make, advance: (ms: number) => (clock += ms) };
}

const approve = (text = 'Hi Ana, thanks for your patience.'): ActionInput => ({
  action: 'chatwoot.approve_send',
  accountId: 1,
  conversationId: 7,
  replyBody: text,
  suggestedTemplate: 'ack_delay',
  suggestedBody: 'Hi Ana, thanks for your patience.',
  note: null,
  customerName: 'Ana',
});

const escalate: ActionInput = {
  action: 'chatwoot.escalate',
  accountId: 1,
  conversationId: 7,
  reason: 'refund_over_500',
  note: 'Wants $900 back',
  customerLastMessage: 'I want my money back',
  slaSummary: 'P1, breached 3 h ago',
};

beforeEach(async () => {
  fakeBrowser.reset();
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: 'https://chat.example.org' });
});

describe('Outbox: a decision is logged before the call and settled after it', () => {
  it('sends a reply once and records it as sent, with operator and edit flag', async () => {
    const { outbox, chatwoot, db } = setup();
    const result = await outbox.submit(approve('Hi Ana — edited.'));
    expect(result.ok && result.value.syncState).toBe('sent');
    expect(chatwoot.sent(7).map((m) => m.content)).toEqual(['Hi Ana — edited.']);
    const record = await getDecision(db, result.ok ? result.value.id : '');
    expect(record).toMatchObject({
      action: 'chatwoot.approve_send',
      scope: 'ops',
      operatorEmail: 'dana@acme.test',
      replyBody: 'Hi Ana — edited.',
      suggestedTemplate: 'ack_delay',
      edited: true,
      syncState: 'sent',
      mock: false,
    });
    expect(await listOutbox(db)).toEqual([]);
  });

  it('retries a 5xx and a 429 with backoff, then sends', async () => {
    const { outbox, chatwoot } = setup();
    chatwoot.script.postMessage = [
      new ChatwootError('server', '502', 502),
      new ChatwootError('rate_limited', 'Retry later', 429),
    ];
    const result = await outbox.submit(approve());
    expect(result.ok && result.value.syncState).toBe('sent');
    expect(chatwoot.sent(7)).toHaveLength(1);
  });

  it('after a dropped connection that had landed, looks first and does not post again', async () => {
    const { outbox, chatwoot } = setup();
    chatwoot.script.postMessage = ['land-then-drop'];
    const result = await outbox.submit(approve());
    expect(result.ok && result.value.syncState).toBe('sent');
    expect(chatwoot.sent(7)).toHaveLength(1);
    expect(chatwoot.calls.filter((c) => c === 'postMessage')).toHaveLength(1);
  });

  it('repairs a duplicate that the browser re-sent by itself (keeps the first copy)', async () => {
    const { outbox, chatwoot } = setup();
    const original = chatwoot.postMessage.bind(chatwoot);
    chatwoot.postMessage = async (a, c, body) => {
      await original(a, c, body); // the silent browser re-send
      return original(a, c, body);
    };
    const result = await outbox.submit(approve());
    expect(result.ok && result.value.syncState).toBe('sent');
    expect(chatwoot.sent(7)).toHaveLength(1);
    expect(chatwoot.calls).toContain('deleteMessage');
  });

  it('fails for good on 404 with the reason in plain words', async () => {
    const { outbox, chatwoot } = setup();
    chatwoot.script.postMessage = [
      new ChatwootError('not_found', 'Resource could not be found', 404),
    ];
    const result = await outbox.submit(approve());
    expect(result.ok && result.value.syncState).toBe('failed');
    expect(result.ok && result.value.error).toMatch(/could not find this conversation/);
  });

  it('pauses on 401, keeps the action queued, and resumes after sign-in', async () => {
    const { outbox, chatwoot } = setup();
    chatwoot.script.postMessage = [new ChatwootError('signed_out', 'sign in', 401)];
    const result = await outbox.submit(approve());
    expect(result.ok && result.value.syncState).toBe('pending');
    expect(chatwoot.sent(7)).toHaveLength(0);
    await outbox.resume();
    const [decision] = await outbox.list();
    expect(decision?.syncState ?? 'sent').toBe('sent');
    expect(chatwoot.sent(7)).toHaveLength(1);
  });

  it('survives the worker dying mid-call: a new worker takes the expired lease and does not double-send', async () => {
    const { db, chatwoot, outbox, restart, advance } = setup();
    // The first worker's POST lands, then the worker is killed before it records anything.
    chatwoot.postMessage = ((original) => async (a, c, body) => {
      await original(a, c, body);
      return new Promise<never>(() => undefined); // never answers: the worker "dies" here
    })(chatwoot.postMessage.bind(chatwoot));
    void outbox.submit(approve());
    await expect.poll(() => chatwoot.sent(7).length).toBe(1);
    chatwoot.postMessage = FakeChatwoot.prototype.postMessage.bind(chatwoot);
    advance(61_000); // lease expired
    const second = restart();
    await second.run(); // the orphan waits its grace first
    advance(ORPHAN_GRACE_MS);
    await second.run();
    const [entry] = await listOutbox(db);
    expect(entry).toBeUndefined();
    expect(chatwoot.sent(7)).toHaveLength(1);
  });

  it('runs one conversation’s actions in order', async () => {
    const { outbox, chatwoot } = setup();
    await Promise.all([
      outbox.submit(escalate),
      outbox.submit({
        action: 'chatwoot.mark_resolved',
        accountId: 1,
        conversationId: 7,
        note: null,
      }),
    ]);
    const order = chatwoot.calls.filter((c) =>
      ['setLabels', 'postMessage', 'setStatus'].includes(c),
    );
    expect(order).toEqual(['setLabels', 'postMessage', 'setStatus']);
  });

  it('two panels approving the same reply at once make one decision and one message', async () => {
    const { outbox, chatwoot } = setup();
    chatwoot.script.postMessage = [new ChatwootError('server', '503', 503)];
    const [a, b] = await Promise.all([outbox.submit(approve()), outbox.submit(approve())]);
    expect(a.ok && b.ok && a.value.id === b.value.id).toBe(true);
    await outbox.run();
    expect(chatwoot.sent(7)).toHaveLength(1);
  });
});

describe('Escalate: labels kept, note private (SOP-CX-003)', () => {
  it('adds `escalation` without dropping the other labels and posts a private note', async () => {
    const { outbox, chatwoot } = setup();
    chatwoot.labelsOf.set(7, ['vip', 'billing']);
    const result = await outbox.submit(escalate);
    expect(result.ok && result.value.syncState).toBe('sent');
    // A refund over $500 goes to L3 (lib/sop/ladder.ts): its label beside `escalation`.
    expect(chatwoot.labelsOf.get(7)).toEqual(['vip', 'billing', 'escalation', 'escalation-l3']);
    const [note] = chatwoot.sent(7, true);
    expect(note?.content).toContain('Level: L3, operations manager (refund over $500).');
    expect(note?.content).toContain('dana@acme.test');
    expect(note?.content).toContain('Refund over $500');
    expect(note?.content).toContain('Wants $900 back');
    expect(note?.content).toContain('I want my money back');
    expect(note?.content).toContain('P1, breached 3 h ago');
    expect(chatwoot.sent(7, false)).toHaveLength(0);
  });

  it('treats the legacy `escalated` label as escalated: no second label', async () => {
    const { outbox, chatwoot } = setup();
    chatwoot.labelsOf.set(7, ['escalated']);
    await outbox.submit({ ...escalate, reason: 'legal_fraud' });
    expect(chatwoot.calls).not.toContain('setLabels');
    expect(chatwoot.sent(7, true)).toHaveLength(1);
  });

  it('L2 for other reasons; L3 when the customer asks for a manager, with the policy’s label', async () => {
    const { outbox, chatwoot } = setup();
    await outbox.submit({ ...escalate, reason: 'legal_fraud' });
    expect(chatwoot.labelsOf.get(7)).toEqual(['escalation']);
    expect(chatwoot.sent(7, true)[0]?.content).toContain('Level: L2, CX lead.');
    await fakeBrowser.storage.local.set({ managedSettings: { escalationL3Label: 'ops-manager' } });
    await outbox.submit({
      ...escalate,
      conversationId: 8,
      reason: 'other',
      customerLastMessage: 'I want to talk to a supervisor',
    });
    expect(chatwoot.labelsOf.get(8)).toEqual(['escalation', 'ops-manager']);
    expect(chatwoot.sent(8, true)[0]?.content).toContain(
      'Level: L3, operations manager (the customer asks for a manager).',
    );
  });

  it('says plainly when the account refused the label', async () => {
    const { outbox, chatwoot } = setup();
    chatwoot.refuseLabels = true;
    const result = await outbox.submit(escalate);
    expect(result.ok && result.value.syncState).toBe('failed');
    expect(result.ok && result.value.error).toMatch(/did not keep the “escalation” label/);
  });
});

describe('Mark resolved', () => {
  it('sets the status to resolved', async () => {
    const { outbox, chatwoot } = setup();
    await outbox.submit({
      action: 'chatwoot.mark_resolved',
      accountId: 1,
      conversationId: 7,
      note: null,
    });
    expect(chatwoot.statusOf.get(7)).toBe('resolved');
  });
});

describe('Retry and Cancel', () => {
  it('a failed action can be retried, and a pending one cancelled', async () => {
    const { outbox, chatwoot } = setup();
    chatwoot.script.postMessage = [new ChatwootError('unprocessable', 'blank', 422)];
    const failed = await outbox.submit(approve());
    expect(failed.ok && failed.value.syncState).toBe('failed');
    expect(await outbox.retry(failed.ok ? failed.value.id : '')).toBe(true);
    await outbox.run();
    expect(chatwoot.sent(7)).toHaveLength(1);

    chatwoot.script.postMessage = [new ChatwootError('signed_out', 'x', 401)];
    const pending = await outbox.submit(approve('Second reply'));
    expect(await outbox.cancel(pending.ok ? pending.value.id : '')).toBe(true);
    await outbox.resume();
    expect(chatwoot.sent(7).map((m) => m.content)).not.toContain('Second reply');
  });
});

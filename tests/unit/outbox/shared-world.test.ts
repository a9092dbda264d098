import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Credentials } from '../../../lib/background/credentials';
import { tableKv } from '../../../lib/background/kv';
import { ChatwootError } from '../../../lib/chatwoot/errors';
import { DecisionsDb, getDecision } from '../../../lib/decisions/db';
import type { ActionInput } from '../../../lib/messages';
import { Outbox } from '../../../lib/outbox/engine';
import { listOutbox } from '../../../lib/outbox/store';
import { DEFAULT_SETTINGS, operatorItem, settingsItem } from '../../../lib/settings/settings';
import { FakeChatwoot } from '../background/fake-api';

// Issue 16: exactly once in a SHARED Chatwoot — colleagues writing the same text, the same
// template twice, a busy conversation, a clock that disagrees, another instance, another user.
// Each case failed with the outbox that matched on text since `createdAt − 120 s`.

const ORIGIN = 'https://chat.example.org';
const DANA = { id: 1, name: 'Dana Agent', email: 'dana@acme.test' };
const SAM = { id: 2, name: 'Sam Admin', email: 'sam@acme.test' };
const T0 = new Date('2026-11-27T10:00:00Z').getTime();
let dbCount = 0;

function setup(chatwootClockSkewS = 0) {
  let clock = T0;
  const chatwoot = new FakeChatwoot(() => Math.floor(clock / 1000) + chatwootClockSkewS);
  const db = new DecisionsDb(`shared-world-${dbCount++}`);
  const kv = tableKv(db.kv);
  const origins: string[] = [];
  const outbox = new Outbox({
    db,
    kv,
    credentials: new Credentials(kv),
    api: async (origin) => {
      origins.push(origin);
      return chatwoot;
    },
    now: () => new Date(clock),
    random: () => 0,
    renewEveryMs: 20,
  });
  return { db, kv, chatwoot, outbox, origins, advance: (ms: number) => (clock += ms) };
}

const approve = (text: string, conversationId = 7): ActionInput => ({
  action: 'chatwoot.approve_send',
  accountId: 1,
  conversationId,
  replyBody: text,
  suggestedTemplate: 'ack_delay',
  suggestedBody: text,
  note: null,
  customerName: 'Ana',
});
const escalate = (reason: 'refund_over_500' | 'legal_fraud', note: string): ActionInput => ({
  action: 'chatwoot.escalate',
  accountId: 1,
  conversationId: 7,
  reason,
  note,
  customerLastMessage: 'I want my money back',
  slaSummary: 'P1',
});
const TEMPLATE = 'Hi, thanks for your patience: we are looking into it.';
const idOf = (r: Awaited<ReturnType<Outbox['submit']>>) => (r.ok ? r.value.id : '');
const pause = (kv: ReturnType<typeof tableKv>) => kv.set('outbox:paused', 'signed_out');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  fakeBrowser.reset();
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: ORIGIN });
});

describe('exactly once by identity, not text', () => {
  it('a colleague sending the same text while our POST timed out does not count as ours', async () => {
    const { chatwoot, outbox, db } = setup();
    // Our first POST never lands (timed out before Chatwoot took it); meanwhile Sam sends the
    // same canned reply from the dashboard.
    const post = chatwoot.postMessage.bind(chatwoot);
    chatwoot.postMessage = async () => {
      chatwoot.postMessage = post;
      chatwoot.addMessage(7, TEMPLATE, { userId: SAM.id });
      throw new ChatwootError('timeout', 'No answer within 15 s', null, true);
    };
    const result = await outbox.submit(approve(TEMPLATE));
    expect(result.ok && result.value.syncState).toBe('sent');
    const ours = chatwoot.sent(7).filter((m) => m.sender?.id === DANA.id);
    expect(ours.map((m) => m.content)).toEqual([TEMPLATE]); // the customer gets OUR reply too
    expect(chatwoot.sent(7)).toHaveLength(2); // and Sam's stays
    expect((await getDecision(db, idOf(result)))?.postedMessageId).toBe(ours[0]!.id);
  });

  it('the same template approved twice for one conversation sends both, deletes neither', async () => {
    const { chatwoot, outbox, db } = setup();
    const first = await outbox.submit(approve(TEMPLATE));
    const second = await outbox.submit(approve(TEMPLATE));
    expect([first, second].map((r) => r.ok && r.value.syncState)).toEqual(['sent', 'sent']);
    expect(chatwoot.sent(7)).toHaveLength(2);
    expect(chatwoot.calls).not.toContain('deleteMessage');
    const posted = await Promise.all([first, second].map((r) => getDecision(db, idOf(r))));
    expect(new Set(posted.map((d) => d?.postedMessageId)).size).toBe(2);
  });

  it('the same template for two conversations: each sent once, in its own conversation', async () => {
    const { chatwoot, outbox } = setup();
    await Promise.all([outbox.submit(approve(TEMPLATE, 7)), outbox.submit(approve(TEMPLATE, 8))]);
    expect(chatwoot.sent(7)).toHaveLength(1);
    expect(chatwoot.sent(8)).toHaveLength(1);
  });

  it('finds its landed POST after 130 messages arrived before the retry (after= paging)', async () => {
    const { chatwoot, outbox } = setup();
    const post = chatwoot.postMessage.bind(chatwoot);
    chatwoot.postMessage = async (a, c, body) => {
      chatwoot.postMessage = post;
      await post(a, c, body); // it landed
      for (let i = 0; i < 130; i++) chatwoot.addMessage(7, `customer ${i}`, { userId: null });
      throw new ChatwootError('offline', 'connection dropped', null, true);
    };
    const result = await outbox.submit(approve(TEMPLATE));
    expect(result.ok && result.value.syncState).toBe('sent');
    expect(chatwoot.sent(7).filter((m) => m.content === TEMPLATE)).toHaveLength(1);
    expect(chatwoot.calls.filter((c) => c === 'postMessage')).toHaveLength(1);
  });

  it.each([
    ['5 minutes behind', -300],
    ['5 minutes ahead', 300],
  ])('a Chatwoot clock %s changes nothing: the landed POST is found', async (_name, skew) => {
    const { chatwoot, outbox } = setup(skew);
    chatwoot.script.postMessage = ['land-then-drop'];
    const result = await outbox.submit(approve(TEMPLATE));
    expect(result.ok && result.value.syncState).toBe('sent');
    expect(chatwoot.sent(7)).toHaveLength(1);
    expect(chatwoot.calls.filter((c) => c === 'postMessage')).toHaveLength(1);
  });
});

describe('bound to its origin and its operator', () => {
  it('is never sent to another Chatwoot: held, in words, when the URL changed while it waited', async () => {
    const { chatwoot, outbox, kv, db, origins } = setup();
    await pause(kv);
    const result = await outbox.submit(approve(TEMPLATE));
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: 'https://other.example.org' });
    await outbox.resume();
    const held = await getDecision(db, idOf(result));
    expect(held).toMatchObject({ syncState: 'failed', errorInfo: { kind: 'origin_changed' } });
    expect(held?.error).toMatch(/https:\/\/chat\.example\.org, no longer the Chatwoot URL/);
    expect(chatwoot.calls).not.toContain('postMessage');
    expect(origins.every((o) => o === ORIGIN)).toBe(true);
    // Back to its own Chatwoot, Retry sends it there.
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: ORIGIN });
    expect(await outbox.retry(idOf(result))).toBe(true);
    await outbox.run();
    expect((await getDecision(db, idOf(result)))?.syncState).toBe('sent');
    expect(chatwoot.sent(7)).toHaveLength(1);
  });

  it('names whoever Chatwoot says is signed in, not a cached operator (sign-out, sign-in as B)', async () => {
    const { chatwoot, outbox, db } = setup();
    await operatorItem.setValue({
      userId: DANA.id,
      name: DANA.name,
      email: DANA.email,
      accountId: 1,
      accountName: 'Acme',
      origin: ORIGIN,
    });
    chatwoot.user = SAM; // Dana signed out, Sam signed in, the cache still says Dana
    const result = await outbox.submit(escalate('refund_over_500', 'Wants $900 back'));
    const decision = await getDecision(db, idOf(result));
    expect(decision).toMatchObject({ operatorEmail: SAM.email, operatorId: SAM.id });
    expect(chatwoot.sent(7, true)[0]?.content).toContain(`by ${SAM.email}`);
  });

  it('a decision made as Dana is held, not sent as Sam, when Sam signs in before it goes', async () => {
    const { chatwoot, outbox, kv, db } = setup();
    chatwoot.script.postMessage = [new ChatwootError('signed_out', 'sign in', 401)];
    const result = await outbox.submit(approve(TEMPLATE));
    expect(await outbox.paused()).toBe('signed_out');
    chatwoot.user = SAM;
    expect(await outbox.checkAuth()).toBe(true); // someone is signed in: the queue resumes
    const held = await getDecision(db, idOf(result));
    expect(held).toMatchObject({ syncState: 'failed', errorInfo: { kind: 'operator_changed' } });
    expect(held?.operatorEmail).toBe(DANA.email);
    expect(chatwoot.sent(7)).toHaveLength(0);
    expect(await kv.get('outbox:paused')).toBeUndefined();
  });
});

describe('signed out mid-work', () => {
  it('a Retry does not lift the pause for all unless Chatwoot answers; signing in resumes', async () => {
    const { chatwoot, outbox, db } = setup();
    chatwoot.script.postMessage = [new ChatwootError('signed_out', 'sign in', 401)];
    const first = await outbox.submit(approve('First'));
    expect(first.ok && first.value).toMatchObject({
      syncState: 'pending',
      errorInfo: { kind: 'signed_out' },
    });
    const second = await outbox.submit(approve('Second', 8));
    expect(second.ok && second.value.syncState).toBe('pending');
    chatwoot.script.profile = [new ChatwootError('signed_out', 'sign in', 401)];
    expect(await outbox.retry(idOf(second))).toBe(true);
    await sleep(20);
    expect(await outbox.paused()).toBe('signed_out');
    expect(chatwoot.calls.filter((c) => c === 'postMessage')).toHaveLength(1); // only the 401
    // Signed back in: the periodic check (or the session cookie) resumes everything.
    expect(await outbox.checkAuth()).toBe(true);
    const states = await Promise.all([first, second].map((r) => getDecision(db, idOf(r))));
    expect(states.map((d) => d?.syncState)).toEqual(['sent', 'sent']);
  });
});

describe('in flight', () => {
  it('renews its lease during a long escalation: Cancel cannot slip in mid-flight', async () => {
    const { chatwoot, outbox, advance, db } = setup();
    const setLabels = chatwoot.setLabels.bind(chatwoot);
    let cancelled: boolean | null = null;
    let id = '';
    chatwoot.setLabels = async (a, c, labels) => {
      advance(61_000); // longer than the 60 s lease
      await sleep(100); // the renewal timer runs meanwhile
      id = (await listOutbox(db))[0]!.decisionId;
      cancelled = await outbox.cancel(id);
      return setLabels(a, c, labels);
    };
    const result = await outbox.submit(escalate('legal_fraud', 'Chargeback threat'));
    expect(cancelled).toBe(false);
    expect(result.ok && result.value.syncState).toBe('sent');
    expect(chatwoot.sent(7, true)).toHaveLength(1);
  });

  it('a second escalation merged into a waiting one keeps its note and its reason', async () => {
    const { chatwoot, outbox, kv } = setup();
    await pause(kv);
    const first = await outbox.submit(escalate('refund_over_500', 'Wants $900 back'));
    const second = await outbox.submit(escalate('legal_fraud', 'Mentions a lawyer'));
    expect(idOf(second)).toBe(idOf(first));
    await outbox.resume();
    const [note] = chatwoot.sent(7, true);
    expect(note?.content).toContain('Refund over $500; Legal or fraud concern');
    expect(note?.content).toContain('Wants $900 back\nMentions a lawyer');
  });
});

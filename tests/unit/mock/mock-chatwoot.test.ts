import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { profileInfo } from '../../../lib/background/api';
import { tableKv } from '../../../lib/background/kv';
import { ChatwootError, classifyError, toErrorInfo } from '../../../lib/chatwoot/errors';
import { conversationSchema } from '../../../lib/chatwoot/schemas';
import { DecisionsDb } from '../../../lib/decisions/db';
import { errorKey, translator } from '../../../lib/i18n/words';
import {
  MockChatwoot,
  type MockChatwootOptions,
  type MockFailure,
} from '../../../lib/mock/mock-chatwoot';
import { SAMPLE_IDS } from '../../../lib/mock/scenario';

let dbCount = 0;
const START = new Date('2026-11-27T10:00:00Z');

function setup() {
  const kv = tableKv(new DecisionsDb(`mock-chatwoot-${dbCount++}`).kv);
  let clock = START.getTime();
  const make = (extra: Partial<MockChatwootOptions> = {}) =>
    new MockChatwoot({ kv, now: () => new Date(clock), latencyMs: () => 0, ...extra });
  return { kv, make, advance: (ms: number) => (clock += ms) };
}

const A = 1;
const { p1Shipping: OLIVIA, refundPending: LIAM } = SAMPLE_IDS;

let fetchSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  fetchSpy = vi.spyOn(globalThis, 'fetch');
});
afterEach(() => {
  expect(fetchSpy).not.toHaveBeenCalled(); // nothing ever leaves the browser
});

describe('MockChatwoot: the live client’s interface, on the bundled samples', () => {
  it('is signed in as the demo trainer in the demo account', async () => {
    const { make } = setup();
    expect(profileInfo(await make().profile())).toEqual({
      userId: expect.any(Number),
      name: 'Trainer',
      email: 'trainer@example.invalid',
      accountId: 1,
      accountName: 'Demo account',
    });
  });

  it('answers a conversation as Chatwoot does, and refuses other accounts and ids in its words', async () => {
    const { make } = setup();
    const api = make();
    const conversation = await api.conversation(A, OLIVIA);
    expect(conversationSchema.parse(conversation)).toEqual(conversation);
    expect(conversation.meta.sender?.name).toBe('Olivia Bennett');
    const messages = await api.messages(A, OLIVIA);
    expect(conversation.messages).toEqual(messages.slice(-1));
    await expect(api.conversation(2, OLIVIA)).rejects.toMatchObject({
      kind: 'not_in_account',
      status: 401,
    });
    await expect(api.conversation(A, 999)).rejects.toMatchObject({
      kind: 'not_found',
      status: 404,
    });
  });

  it('posts replies and notes that persist across a new instance on the same store', async () => {
    const { make, advance } = setup();
    advance(60_000);
    const posted = await make().postMessage(A, OLIVIA, { content: 'Hi Olivia!', private: false });
    await make().postMessage(A, OLIVIA, { content: 'Lead: call her', private: true });
    // A new instance on the same kv: what a restarted service worker would build.
    const fresh = make();
    const messages = await fresh.messages(A, OLIVIA);
    expect(messages.slice(-2).map((m) => [m.content, m.private, m.message_type])).toEqual([
      ['Hi Olivia!', false, 1],
      ['Lead: call her', true, 1],
    ]);
    expect(posted.created_at).toBe((START.getTime() + 60_000) / 1000);
    const conversation = await fresh.conversation(A, OLIVIA);
    expect(conversation.first_reply_created_at).toBe(posted.created_at); // first agent reply
    expect(conversation.waiting_since).toBe(0);
    expect(conversation.timestamp).toBe(posted.created_at);
    expect(conversation.messages[0]?.content).toBe('Lead: call her');
  });

  it('labels: POST REPLACES the whole list, as Chatwoot does', async () => {
    const { make } = setup();
    const api = make();
    expect(await api.labels(A, OLIVIA)).toEqual(['vip']);
    expect(await api.setLabels(A, OLIVIA, ['Escalation', 'escalation'])).toEqual(['escalation']);
    expect(await make().labels(A, OLIVIA)).toEqual(['escalation']); // `vip` dropped
    expect((await api.conversation(A, OLIVIA)).labels).toEqual(['escalation']);
  });

  it('toggle status: resolved leaves the open list and writes Chatwoot’s activity message', async () => {
    const { make } = setup();
    const api = make();
    const openBefore = (await api.listConversations(A, { status: 'open', page: 1 })).conversations;
    expect(openBefore.map((c) => c.id)).toContain(LIAM);
    expect(await api.setStatus(A, LIAM, 'resolved')).toBe('resolved');
    const open = await make().listConversations(A, { status: 'open', page: 1 });
    expect(open.conversations.map((c) => c.id)).not.toContain(LIAM);
    expect(open.allCount).toBe(openBefore.length - 1);
    const last = (await api.messages(A, LIAM)).at(-1);
    expect(last).toMatchObject({
      message_type: 2,
      content: 'Conversation was marked resolved by Trainer',
    });
    expect(await api.setStatus(A, LIAM, 'open')).toBe('open');
    expect((await api.conversation(A, LIAM)).status).toBe('open');
  });

  it('deletes softly and pages messages like the messages endpoint (20, `before`)', async () => {
    const { make } = setup();
    const api = make();
    for (let i = 0; i < 25; i++) {
      await api.postMessage(A, OLIVIA, { content: `note ${i}`, private: true });
    }
    const latest = await api.messages(A, OLIVIA);
    expect(latest).toHaveLength(20);
    expect(latest.at(-1)?.content).toBe('note 24');
    const newer = await api.messages(A, OLIVIA, { after: latest[0]?.id });
    expect(newer.map((m) => m.id)).toEqual(latest.slice(1).map((m) => m.id));
    const target = latest.at(-1)!;
    await api.deleteMessage(A, OLIVIA, target.id);
    const after = (await make().messages(A, OLIVIA)).at(-1);
    expect(after).toMatchObject({
      id: target.id,
      content: 'This message was deleted',
      content_attributes: { deleted: true },
    });
  });

  it('serialises concurrent changes: parallel posts on different conversations all persist', async () => {
    const { make } = setup();
    const posted = await Promise.all(
      [OLIVIA, LIAM, OLIVIA, LIAM].map((c, i) =>
        make().postMessage(A, c, { content: `parallel ${i}`, private: true }),
      ),
    );
    expect(new Set(posted.map((m) => m.id)).size).toBe(4);
    const contents = [
      ...(await make().messages(A, OLIVIA)),
      ...(await make().messages(A, LIAM)),
    ].map((m) => m.content);
    for (let i = 0; i < 4; i++) expect(contents).toContain(`parallel ${i}`);
  });

  it('takes a realistic time per call: 150–400 ms by default', async () => {
    const { kv } = setup();
    const waits: number[] = [];
    const api = new MockChatwoot({
      kv,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    for (let i = 0; i < 30; i++) await api.labels(A, OLIVIA);
    expect(waits).toHaveLength(30);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(150);
    expect(Math.max(...waits)).toBeLessThan(400);
    expect(new Set(waits).size).toBeGreaterThan(1);
  });
});

describe('MockChatwoot: scripted failures throw what the live client throws', () => {
  const words = (error: unknown) => {
    const info = toErrorInfo(error);
    return translator('en')(errorKey(info.kind), { detail: info.detail });
  };

  async function failing(failure: MockFailure) {
    const { make } = setup();
    return { api: make({ failure }), clean: make() };
  }

  it('send_offline: changes fail as a dropped network (retried by the outbox); reads work', async () => {
    const { api, clean } = await failing('send_offline');
    const error = await api
      .postMessage(A, OLIVIA, { content: 'x', private: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatwootError);
    expect(error).toMatchObject({ kind: 'offline', status: null, ambiguous: true });
    expect(classifyError((error as ChatwootError).kind)).toBe('retry');
    expect(words(error)).toBe('Could not reach Chatwoot. Check the network or the Chatwoot URL.');
    await expect(api.setLabels(A, OLIVIA, ['x'])).rejects.toMatchObject({ kind: 'offline' });
    await expect(api.setStatus(A, OLIVIA, 'resolved')).rejects.toMatchObject({ kind: 'offline' });
    expect((await api.conversation(A, OLIVIA)).status).toBe('open');
    // Nothing happened: the failure is before the change, as when the request never left.
    expect(await clean.labels(A, OLIVIA)).toEqual(['vip']);
    expect((await clean.messages(A, OLIVIA)).map((m) => m.content)).not.toContain('x');
  });

  it('send_refused: changes are refused with a 422 (failed for good, Retry/Cancel)', async () => {
    const { api } = await failing('send_refused');
    const error = await api
      .postMessage(A, OLIVIA, { content: 'x', private: false })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unprocessable', status: 422 });
    expect(classifyError((error as ChatwootError).kind)).toBe('fail');
    expect(words(error)).toMatch(/^Chatwoot refused the request: Scripted failure/);
    await expect(api.labels(A, OLIVIA)).resolves.toEqual(['vip']);
  });

  it('offline: Chatwoot cannot be reached at all, reads included', async () => {
    const { api } = await failing('offline');
    await expect(api.profile()).rejects.toMatchObject({ kind: 'offline', ambiguous: false });
    await expect(api.conversation(A, OLIVIA)).rejects.toMatchObject({ kind: 'offline' });
    await expect(
      api.postMessage(A, OLIVIA, { content: 'x', private: false }),
    ).rejects.toMatchObject({ kind: 'offline', ambiguous: true });
  });
});

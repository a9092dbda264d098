// waiting_since as Chatwoot keeps it (Message#update_waiting_since, Conversation's resolve
// callback): set by a customer message when nobody is waiting, kept by further customer
// messages, cleared by an agent's public reply and by resolving; a private note leaves it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { client, type ConversationJson, type ListJson } from './helpers';
import { SEED, startStandin, type Standin } from '../server';

const START = Date.parse('2026-03-02T10:00:00.000Z');
let nowMs = START;
const A = `/api/v1/accounts/${SEED.accountId}`;
const ID = SEED.conversations.p1Tracking;
const conv = `${A}/conversations/${ID}`;

let standin: Standin;
const call = client(() => standin.url);
beforeAll(async () => {
  standin = await startStandin({ now: () => new Date(START), quiet: true });
});
afterAll(async () => {
  await standin.close();
});
beforeEach(() => {
  standin.reset();
  nowMs = START;
});

const waiting = async () => (await call<ConversationJson>('GET', conv)).json.waiting_since;
const inList = async () =>
  (await call<ListJson>('GET', `${A}/conversations?status=all`)).json.data.payload.find(
    (c) => c.id === ID,
  )?.waiting_since;
const customer = (content: string) =>
  call('POST', `/__standin/accounts/1/conversations/${ID}/incoming`, { body: { content } });
const agent = (content: string, isPrivate = false) =>
  call('POST', `${conv}/messages`, {
    body: { content, message_type: 'outgoing', private: isPrivate },
  });
/** The stand-in's clock runs from START plus what a test advanced it by. */
const later = (minutes: number) => {
  nowMs += minutes * 60_000;
  standin.clock.advance(minutes * 60_000);
};

describe('waiting_since through a conversation’s life', () => {
  it('reply clears it, a note keeps it, the customer starts a new clock, resolve clears it', async () => {
    await agent('Looking into it.');
    expect(await waiting()).toBe(0); // answered: nobody waiting
    later(5);
    const first = Math.floor(nowMs / 1000);
    await customer('Any news?');
    expect(await waiting()).toBe(first);
    later(5);
    await customer('Hello??');
    expect(await waiting()).toBe(first); // the OLDEST unanswered message
    await agent('Lead: I will take it', true);
    expect(await waiting()).toBe(first); // a private note answers nobody
    expect(await inList()).toBe(first); // list payloads carry it too
    await agent('Here is the update.');
    expect(await waiting()).toBe(0);
    later(10);
    await customer('Thanks, one more question');
    expect(await waiting()).toBe(Math.floor(nowMs / 1000));
    await call('POST', `${conv}/toggle_status`, { body: { status: 'resolved' } });
    expect(await waiting()).toBe(0);
    expect(await inList()).toBe(0);
  });
});

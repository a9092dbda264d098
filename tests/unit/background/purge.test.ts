import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Credentials } from '../../../lib/background/credentials';
import { tableKv } from '../../../lib/background/kv';
import { Outbox } from '../../../lib/outbox/engine';
import { Health } from '../../../lib/background/health/health';
import { createHandlers } from '../../../lib/background/service';
import { DecisionsDb } from '../../../lib/decisions/db';
import { fail, listOutbox, recordAndEnqueue } from '../../../lib/outbox/store';
import { replies, requests } from '../../../lib/messages';
import { makeDecision } from '../decisions/fixtures';
import { FakeChatwoot } from './fake-api';

// `decisions/purge`: the one write the decision log view asks of the background.

const DAY = 86_400_000;
const CUT = new Date('2026-06-01T00:00:00.000Z');
const fromPanel = { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/sidepanel.html' };

let db: DecisionsDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = new DecisionsDb(`purge-test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

function handlers() {
  const kv = tableKv(db.kv);
  const credentials = new Credentials(kv);
  const outbox = new Outbox({ db, kv, credentials, api: async () => new FakeChatwoot() });
  return createHandlers({ db, outbox, credentials, kv, health: new Health(kv) });
}

describe('decisions/purge', () => {
  it('accepts an ISO instant and nothing else', () => {
    const schema = requests['decisions/purge'];
    expect(schema.safeParse({ before: CUT.toISOString() }).success).toBe(true);
    for (const before of ['2026-06-01', 'yesterday', '', 1_780_000_000_000, null]) {
      expect(schema.safeParse({ before }).success).toBe(false);
    }
  });

  it('deletes decisions before the instant, keeps newer and unsent ones, says how many', async () => {
    const old = [1, 2, 3].map((d) =>
      makeDecision({ createdAt: new Date(CUT.getTime() - d * DAY) }),
    );
    const oldFailed = makeDecision({
      createdAt: new Date(CUT.getTime() - 5 * DAY),
      syncState: 'pending',
    });
    const oldQueued = makeDecision({
      createdAt: new Date(CUT.getTime() - 6 * DAY),
      syncState: 'pending',
    });
    const atCut = makeDecision({ createdAt: CUT });
    await db.decisions.bulkAdd([...old, atCut]);
    for (const r of [oldFailed, oldQueued]) {
      await recordAndEnqueue(db, r, { conversationKey: r.id, payload: {}, notBefore: CUT });
    }
    await fail(db, oldFailed.id, { error: 'Chatwoot could not find this conversation.' });
    const events: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((m: unknown) => void events.push(m));

    const reply = await handlers()['decisions/purge']({ before: CUT.toISOString() }, fromPanel);

    expect(replies['decisions/purge'].parse(reply)).toEqual({ deleted: 4 });
    const left = (await db.decisions.toArray()).map((r) => r.id).sort();
    expect(left).toEqual([oldQueued.id, atCut.id].sort());
    // The failed one's outbox entry went with it; the queued one still waits to be sent.
    expect((await listOutbox(db)).map((e) => e.decisionId)).toEqual([oldQueued.id]);
    // Open panels refresh their pending list.
    expect(events).toContainEqual({ event: 'outbox/changed', conversationId: null });
  });

  it('deletes nothing when nothing is older', async () => {
    await db.decisions.add(makeDecision({ createdAt: new Date(CUT.getTime() + DAY) }));
    const reply = await handlers()['decisions/purge']({ before: CUT.toISOString() }, fromPanel);
    expect(reply).toEqual({ deleted: 0 });
    expect(await db.decisions.count()).toBe(1);
  });
});

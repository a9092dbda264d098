import { describe, expect, it } from 'vitest';
import { tableKv } from '../../../lib/background/kv';
import { DecisionsDb } from '../../../lib/decisions/db';
import { listOutbox, recordAndEnqueue } from '../../../lib/outbox/store';
import { MockChatwoot } from '../../../lib/mock/mock-chatwoot';
import { ensureDemo, resetDemo } from '../../../lib/mock/reset';
import { buildScenarioDecisions, MOCK_ORIGIN, SAMPLE_IDS } from '../../../lib/mock/scenario';
import { makeDecision } from '../decisions/fixtures';

let dbCount = 0;
const NOW = new Date('2026-11-27T10:00:00Z');
const LATER = new Date('2026-11-27T11:30:00Z');
const { p1Shipping: OLIVIA } = SAMPLE_IDS;

function setup() {
  const db = new DecisionsDb(`mock-reset-${dbCount++}`);
  const kv = tableKv(db.kv);
  return {
    db,
    kv,
    mock: (now = NOW) => new MockChatwoot({ kv, now: () => now, latencyMs: () => 0 }),
  };
}

describe('Reset demo', () => {
  it('restores the samples and deletes mock decisions only, with their outbox entries', async () => {
    const { db, kv, mock } = setup();
    await ensureDemo({ db, kv, now: NOW });
    // The trainer practised: a reply, a label change, a failed mock send still in the outbox.
    await mock().postMessage(1, OLIVIA, { content: 'Practice reply', private: false });
    await mock().setLabels(1, OLIVIA, ['practice']);
    const mockSent = makeDecision({ mock: true, chatwootOrigin: MOCK_ORIGIN, accountId: 1 });
    const mockFailed = makeDecision({
      mock: true,
      chatwootOrigin: MOCK_ORIGIN,
      accountId: 1,
      syncState: 'failed',
    });
    const live = makeDecision({ syncState: 'pending' });
    await db.decisions.add(mockSent);
    await recordAndEnqueue(db, mockFailed, {
      conversationKey: `${MOCK_ORIGIN}|1|2`,
      payload: {},
      notBefore: NOW,
    });
    await recordAndEnqueue(db, live, {
      conversationKey: 'https://app.chatwoot.com|7|1234',
      payload: {},
      notBefore: NOW,
    });

    expect(await resetDemo({ db, kv, now: LATER })).toBe(2);

    const left = await db.decisions.toArray();
    expect(left.map((d) => d.id).sort()).toEqual(
      [live.id, ...buildScenarioDecisions(LATER).map((d) => d.id)].sort(),
    );
    expect(left.find((d) => d.id === live.id)).toEqual(live); // untouched
    expect((await listOutbox(db)).map((e) => e.decisionId)).toEqual([live.id]);
    // The samples are as they started, on the reset's clock.
    const api = mock(LATER);
    expect(await api.labels(1, OLIVIA)).toEqual(['vip']);
    const messages = await api.messages(1, OLIVIA);
    expect(messages.map((m) => m.content)).not.toContain('Practice reply');
    const history = buildScenarioDecisions(LATER);
    expect(left.find((d) => d.id === history[0]?.id)?.createdAt).toEqual(history[0]?.createdAt);
  });

  it('the first use sets the demo up once; later uses keep what the trainer did', async () => {
    const { db, kv, mock } = setup();
    await ensureDemo({ db, kv, now: NOW });
    expect(await db.decisions.count()).toBe(buildScenarioDecisions(NOW).length);
    const practised = makeDecision({ mock: true, chatwootOrigin: MOCK_ORIGIN });
    await db.decisions.add(practised);
    await mock().setLabels(1, OLIVIA, ['practice']);
    await ensureDemo({ db, kv, now: LATER });
    expect(await db.decisions.get(practised.id)).toBeDefined();
    expect(await mock().labels(1, OLIVIA)).toEqual(['practice']);
  });
});

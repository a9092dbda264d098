import type { KeyValueStore } from '../background/kv';
import type { DecisionsDb } from '../decisions/db';
import { MOCK_STATE_KEY, resetMockState } from './mock-chatwoot';
import { buildScenarioDecisions, isScenarioDecisionId, MOCK_ORIGIN } from './scenario';

// Reset demo: the sample conversations go back to their starting state and the decisions made
// in mock mode leave the log, with their outbox entries; the scenario's own history (an
// approval and an escalation, marked mock) is written back. Real decisions are never touched.

export interface DemoInput {
  db: DecisionsDb;
  kv: KeyValueStore;
  now: Date;
  slaMinutes?: number;
}

/** @returns how many mock decisions were deleted (not counting the scenario's own). */
export async function resetDemo({ db, kv, now, slaMinutes }: DemoInput): Promise<number> {
  const history = buildScenarioDecisions(now);
  const deleted = await db.transaction('rw', db.decisions, db.outbox, async () => {
    const ids = await db.decisions.filter((r) => r.mock === true).primaryKeys();
    await db.decisions.bulkDelete(ids);
    const gone = new Set(ids);
    const entries = await db.outbox
      .filter((e) => gone.has(e.decisionId) || e.conversationKey.startsWith(`${MOCK_ORIGIN}|`))
      .primaryKeys();
    await db.outbox.bulkDelete(entries);
    await db.decisions.bulkPut(history);
    return ids.filter((id) => !isScenarioDecisionId(id)).length;
  });
  await resetMockState(kv, now, slaMinutes);
  return deleted;
}

/** The first time mock mode is used (nothing stored yet), set the demo up. */
export async function ensureDemo(input: DemoInput): Promise<void> {
  if ((await input.kv.get(MOCK_STATE_KEY)) === undefined) await resetDemo(input);
}

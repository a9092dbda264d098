import type { WireConversation } from '../chatwoot/schemas';
import { realApprovalsSince, type DecisionsDb } from '../decisions/db';
import { breachesByDay, dayKey, healthReport, type HealthReport } from '../sop/health';
import type { Health } from './health';
import type { KeyValueStore } from './kv';

// The figures behind Integration health, kept durably: breach days are remembered as the
// queue sees them, so "the same weekday last week" exists a week later.

const breachKey = (day: string) => `breaches:${day}`;
const DAY_MS = 86_400_000;

export async function recordBreaches(
  kv: KeyValueStore,
  conversations: readonly WireConversation[],
  options: { now: Date; slaMinutes: number; origin: string },
): Promise<void> {
  for (const [day, ids] of breachesByDay(conversations, options)) {
    const known = new Set((await kv.get<string[]>(breachKey(day))) ?? []);
    const before = known.size;
    for (const id of ids) known.add(`${options.origin}|${id}`);
    if (known.size !== before) await kv.set(breachKey(day), [...known]);
  }
}

export async function buildHealthReport(deps: {
  db: DecisionsDb;
  kv: KeyValueStore;
  health: Health;
  now: Date;
}): Promise<HealthReport> {
  const { now } = deps;
  const samples = (await deps.health.samples()).filter((s) => s.at >= now.getTime() - DAY_MS);
  const sends = await realApprovalsSince(deps.db, new Date(now.getTime() - DAY_MS), 10_000);
  const today = (await deps.kv.get<string[]>(breachKey(dayKey(now)))) ?? [];
  const lastWeek = await deps.kv.get<string[]>(
    breachKey(dayKey(new Date(now.getTime() - 7 * DAY_MS))),
  );
  return healthReport({
    now,
    samples,
    sends,
    breachesToday: today.length,
    breachesSameWeekdayLastWeek: lastWeek ? lastWeek.length : null,
  });
}

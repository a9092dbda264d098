import type { WireConversation } from '../../chatwoot/schemas';
import { realApprovalsSince, type DecisionsDb } from '../../decisions/db';
import {
  breachesByDay,
  dayKey,
  healthReport,
  localDayStart,
  type HealthReport,
} from '../../sop/health';
import type { SlaClockSetting } from '../../sop/sla';
import type { Health } from './health';
import type { KeyValueStore } from '../kv';

// The figures behind Integration health, kept durably. Breaches are stored per local day
// (`breaches:YYYY-MM-DD`, one entry per conversation and breach moment) whenever the worker
// sees conversations: the panel's queue, an opened conversation, and its own sweep on a
// timer (./breach-sweep.ts), so "the same weekday last week" does not depend on anyone
// having opened the queue then. A day the worker looked at and found nothing is stored
// empty: "none last week", not "no figure".

const breachKey = (day: string) => `breaches:${day}`;
const DAY_MS = 86_400_000;

export async function recordBreaches(
  kv: KeyValueStore,
  conversations: readonly WireConversation[],
  options: { now: Date; slaMinutes: number; clock: SlaClockSetting; origin: string },
): Promise<void> {
  const days = breachesByDay(conversations, options);
  const today = dayKey(options.now);
  if (!days.has(today)) days.set(today, []);
  for (const [day, breaches] of days) {
    const stored = await kv.get<string[]>(breachKey(day));
    const known = new Set(stored ?? []);
    const before = known.size;
    for (const { id, breachedAt } of breaches) {
      const conversation = `${options.origin}|${id}`;
      // Entries written before breaches carried their time name the conversation only.
      if (known.has(conversation)) continue;
      known.add(`${conversation}|${Math.floor(breachedAt.getTime() / 1000)}`);
    }
    if (stored === undefined || known.size !== before) await kv.set(breachKey(day), [...known]);
  }
}

export async function buildHealthReport(deps: {
  db: DecisionsDb;
  kv: KeyValueStore;
  health: Health;
  now: Date;
}): Promise<HealthReport> {
  const { now } = deps;
  const dayStart = localDayStart(now);
  const samples = (await deps.health.samples()).filter((s) => s.at >= now.getTime() - DAY_MS);
  const sends = await realApprovalsSince(deps.db, dayStart, 10_000);
  const today = (await deps.kv.get<string[]>(breachKey(dayKey(now)))) ?? [];
  const lastWeek = await deps.kv.get<string[]>(breachKey(dayKey(localDayStart(now, 7))));
  return healthReport({
    now,
    dayStart,
    samples,
    sends,
    breachesToday: today.length,
    breachesSameWeekdayLastWeek: lastWeek ? lastWeek.length : null,
  });
}

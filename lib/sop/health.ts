// Integration health (runbook "Integration Monitoring", docs/PRODUCT.md): Chatwoot API latency
// (target < 500 ms, warn when > 1000 ms sustained), the send failure rate today (warn > 5 %),
// and today's SLA breaches against the same weekday last week (warn at +20 %; any breach today
// against none last week warns too). "Today" is the local calendar day: the caller passes `now`
// and the day's start. Pure: everything passed in.

import { slaPriority, type SlaClockSetting, type SlaConversation } from './sla';

export const LATENCY_TARGET_MS = 500;
export const LATENCY_WARN_MS = 1000;
/** "Sustained": the median of the calls in this window, with at least this many calls. */
export const SUSTAINED_WINDOW_MS = 15 * 60_000;
export const SUSTAINED_MIN_SAMPLES = 5;
export const FAILURE_RATE_WARN = 0.05;
export const BREACH_INCREASE_WARN = 0.2;

export type HealthStatus = 'ok' | 'warn' | 'no_data';

export interface LatencySample {
  at: number; // epoch ms
  ms: number;
  ok: boolean;
}

export interface HealthReport {
  latency: {
    median: number | null;
    p95: number | null;
    recentMedian: number | null;
    count: number;
    status: HealthStatus;
  };
  sendFailures: { sent: number; failed: number; rate: number | null; status: HealthStatus };
  breaches: {
    today: number;
    sameWeekdayLastWeek: number | null;
    change: number | null;
    status: HealthStatus;
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

export function healthReport(input: {
  now: Date;
  /** Local midnight that began today: sends before it are not today's. */
  dayStart: Date;
  samples: readonly LatencySample[];
  /** Reply sends (approve_send decisions); only today's settled ones count. */
  sends: readonly { syncState: string; createdAt: Date }[];
  breachesToday: number;
  /** null: nothing was recorded that day (no figure); 0: recorded, and none. */
  breachesSameWeekdayLastWeek: number | null;
}): HealthReport {
  const all = input.samples.map((s) => s.ms).sort((a, b) => a - b);
  const recent = input.samples
    .filter((s) => s.at >= input.now.getTime() - SUSTAINED_WINDOW_MS)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  const recentMedian = percentile(recent, 50);
  const latencyStatus: HealthStatus = !all.length
    ? 'no_data'
    : recent.length >= SUSTAINED_MIN_SAMPLES && (recentMedian ?? 0) > LATENCY_WARN_MS
      ? 'warn'
      : 'ok';

  const from = input.dayStart.getTime();
  const until = input.now.getTime();
  const today = input.sends.filter((s) => {
    const at = s.createdAt.getTime();
    return at >= from && at <= until;
  });
  const sent = today.filter((s) => s.syncState === 'sent').length;
  const failed = today.filter((s) => s.syncState === 'failed').length;
  const rate = sent + failed ? failed / (sent + failed) : null;

  const last = input.breachesSameWeekdayLastWeek;
  // No ratio against zero: "none last week" is said in words, and any breach today warns.
  const change = last ? (input.breachesToday - last) / last : null;
  const breachStatus: HealthStatus =
    last === null
      ? 'no_data'
      : last === 0
        ? input.breachesToday > 0
          ? 'warn'
          : 'ok'
        : (change ?? 0) >= BREACH_INCREASE_WARN
          ? 'warn'
          : 'ok';
  return {
    latency: {
      median: percentile(all, 50),
      p95: percentile(all, 95),
      recentMedian,
      count: all.length,
      status: latencyStatus,
    },
    sendFailures: {
      sent,
      failed,
      rate,
      status: rate === null ? 'no_data' : rate > FAILURE_RATE_WARN ? 'warn' : 'ok',
    },
    breaches: {
      today: input.breachesToday,
      sameWeekdayLastWeek: last,
      change,
      status: breachStatus,
    },
  };
}

/** A local calendar day key, `YYYY-MM-DD`, in the given zone offset-free way (Intl). */
export function dayKey(date: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** The local midnight `days` calendar days before the one that contains `date` (DST-safe). */
export function localDayStart(date: Date, daysBefore = 0): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() - daysBefore);
}

/** One breach: a conversation and the moment its deadline passed (a new wait is a new one). */
interface Breach {
  id: number;
  breachedAt: Date;
}

/** Which conversations breached on which local day: fed to the stored daily breach counts. */
export function breachesByDay<C extends SlaConversation & { id: number }>(
  conversations: readonly C[],
  options: { now: Date; slaMinutes: number; clock?: SlaClockSetting; timeZone?: string },
): Map<string, Breach[]> {
  const days = new Map<string, Breach[]>();
  for (const conversation of conversations) {
    const { breachedAt } = slaPriority(conversation, options);
    if (!breachedAt) continue;
    const key = dayKey(breachedAt, options.timeZone);
    days.set(key, [...(days.get(key) ?? []), { id: conversation.id, breachedAt }]);
  }
  return days;
}

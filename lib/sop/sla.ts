// SOP-CX-001 Conversation Triage Protocol: SLA breach and priority (docs/PRODUCT.md "SOP rules").
// Pure: `now` is a parameter. Takes Chatwoot's conversation payload as it comes off the wire
// (docs/CHATWOOT.md §3): times in epoch seconds, 0 for "none", extra fields ignored.

import { toDate, type TimeInput } from './wire';

export type Priority = 'P1' | 'P2' | 'P3';

/** Where the deadline came from: our SLA minutes (a setting), or Chatwoot's SLA policy (§5). */
export type ClockSource = 'runbook' | 'chatwoot_sla';
/**
 * waiting: from `waiting_since` (the customer's oldest unanswered message); creation: the
 * runbook's clock, from `created_at`; frt/nrt/rt: Chatwoot's three thresholds (§5).
 */
export type ClockKind = 'waiting' | 'creation' | 'frt' | 'nrt' | 'rt';

/** Which start our own SLA minutes count from (a setting and a policy key; docs/SOP.md). */
export type SlaClockSetting = 'waiting' | 'created';
export const SLA_CLOCKS: readonly SlaClockSetting[] = ['waiting', 'created'];
export const DEFAULT_SLA_CLOCK: SlaClockSetting = 'waiting';

/** Text key for what the priority asks of the agent (runbook SOP-CX-001). */
export type ResponseTarget = 'immediate' | 'respond_within_30_minutes' | 'review_within_1_hour';

export const DEFAULT_SLA_MINUTES = 30;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** P1 once the breach is MORE than this old; at exactly 2 h it is still P2. */
export const P1_AFTER_MS = 2 * HOUR;

export const RESPONSE_TARGETS: Readonly<
  Record<Priority, { target: ResponseTarget; withinMs: number }>
> = {
  P1: { target: 'immediate', withinMs: 0 },
  P2: { target: 'respond_within_30_minutes', withinMs: 30 * MINUTE },
  P3: { target: 'review_within_1_hour', withinMs: HOUR },
};

/** Chatwoot's `applied_sla` (docs/CHATWOOT.md §5). Thresholds are seconds; null when not set. */
export interface AppliedSla {
  sla_status?: string | null;
  sla_name?: string | null;
  sla_first_response_time_threshold?: number | string | null;
  sla_next_response_time_threshold?: number | string | null;
  sla_resolution_time_threshold?: number | string | null;
  /** Newer Chatwoot sends the due times it computed itself (they honour business hours). */
  sla_frt_due_at?: TimeInput;
  sla_nrt_due_at?: TimeInput;
  sla_rt_due_at?: TimeInput;
}

export interface SlaEvent {
  event_type?: string | null;
  created_at?: TimeInput;
}

/** The fields of a Chatwoot conversation this rule reads; the raw API payload fits. */
export interface SlaConversation {
  status?: string | null;
  labels?: readonly string[] | null;
  created_at?: TimeInput;
  first_reply_created_at?: TimeInput;
  waiting_since?: TimeInput;
  applied_sla?: AppliedSla | null;
  sla_events?: readonly SlaEvent[] | null;
  /** Null where the `sla` feature is on but no policy applies (docs/CHATWOOT.md §5). */
  sla_policy_id?: number | null;
}

export interface SlaOptions {
  now: Date;
  /** Runbook first-response SLA in minutes (a setting; default 30). */
  slaMinutes?: number;
  /**
   * What the SLA minutes count from when Chatwoot applies no SLA: `waiting` (default), the
   * customer's oldest unanswered message; `created`, the conversation's creation (runbook).
   */
  clock?: SlaClockSetting;
}

/** The clock a deadline came from, for "SLA clock started at conversation creation, 14:02". */
export interface SlaClock {
  source: ClockSource;
  kind: ClockKind;
  startedAt: Date;
  deadline: Date;
  /** Chatwoot's policy name, when the clock is Chatwoot's. */
  slaName?: string;
}

export interface SlaPriority {
  priority: Priority | null;
  /** The moment the SLA deadline passed; null when not breached or not applicable. */
  breachedAt: Date | null;
  breachedForMs: number | null;
  breached: boolean;
  /** Labelled `escalation` or the legacy `escalated`, whatever the status. */
  escalated: boolean;
  /**
   * The clock that decided (breached) or is running (not yet); null for resolved/snoozed, and
   * on the waiting clock when nobody is waiting (`waiting_since` 0).
   */
  clock: SlaClock | null;
  target: ResponseTarget | null;
  /** How soon to respond: 0 = immediately; null when there is no priority. */
  respondWithinMs: number | null;
}

const ESCALATION_LABELS = new Set(['escalation', 'escalated']);

/** Labelled for escalation: `escalation`, or the legacy `escalated` (runbook validation notes). */
export function isEscalated(labels: readonly string[] | null | undefined): boolean {
  return (labels ?? []).some(
    (label) => typeof label === 'string' && ESCALATION_LABELS.has(label.trim().toLowerCase()),
  );
}

/** Only open and pending conversations have a priority (SOP-CX-001). */
export function hasPriority(status: string | null | undefined): boolean {
  const normalised = (status ?? '').trim().toLowerCase();
  return normalised === 'open' || normalised === 'pending';
}

/** SOP-CX-001 for one conversation at `now`. */
export function slaPriority(conversation: SlaConversation, options: SlaOptions): SlaPriority {
  const checked = checkOptions(options);
  const { now } = checked;
  const escalated = isEscalated(conversation.labels);
  if (!hasPriority(conversation.status)) {
    return result(null, null, now, escalated, null);
  }
  const { breachedAt, clock } = evaluate(conversation, checked);
  let priority: Priority | null;
  if (breachedAt !== null) {
    priority = now.getTime() - breachedAt.getTime() > P1_AFTER_MS ? 'P1' : 'P2';
  } else {
    priority = escalated ? 'P3' : null;
  }
  return result(priority, breachedAt, now, escalated, clock);
}

/**
 * When the priority next changes if nothing but time passes: the deadline (not breached →
 * P2), or the breach + 2 h boundary (P2 up to and including it, P1 right after). Null when
 * time alone changes nothing (already P1, resolved, no clock). Lets the panel re-render on a
 * timer without refetching.
 */
export function nextPriorityChangeAt(
  conversation: SlaConversation,
  options: SlaOptions,
): Date | null {
  const checked = checkOptions(options);
  const { now } = checked;
  if (!hasPriority(conversation.status)) return null;
  const { breachedAt, upcoming } = evaluate(conversation, checked);
  if (breachedAt !== null) {
    const boundary = breachedAt.getTime() + P1_AFTER_MS;
    return boundary >= now.getTime() ? new Date(boundary) : null;
  }
  return upcoming;
}

interface Checked {
  now: Date;
  slaMinutes: number;
  clock: SlaClockSetting;
}

function checkOptions(options: SlaOptions): Checked {
  const { now } = options;
  const slaMinutes = options.slaMinutes ?? DEFAULT_SLA_MINUTES;
  const clock = options.clock ?? DEFAULT_SLA_CLOCK;
  if (!SLA_CLOCKS.includes(clock)) {
    throw new RangeError(`clock must be 'waiting' or 'created', got ${String(clock)}`);
  }
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new RangeError('slaPriority needs a valid `now`');
  }
  if (!Number.isFinite(slaMinutes) || slaMinutes < 0) {
    throw new RangeError(`slaMinutes must be a number ≥ 0, got ${String(slaMinutes)}`);
  }
  return { now, slaMinutes, clock };
}

function result(
  priority: Priority | null,
  breachedAt: Date | null,
  now: Date,
  escalated: boolean,
  clock: SlaClock | null,
): SlaPriority {
  const target = priority === null ? null : RESPONSE_TARGETS[priority];
  return {
    priority,
    breachedAt,
    breachedForMs: breachedAt === null ? null : now.getTime() - breachedAt.getTime(),
    breached: breachedAt !== null,
    escalated,
    clock,
    target: target?.target ?? null,
    respondWithinMs: target?.withinMs ?? null,
  };
}

interface Evaluation {
  breachedAt: Date | null;
  clock: SlaClock | null;
  /** Not breached: the next deadline that would breach it. */
  upcoming: Date | null;
}

function evaluate(conversation: SlaConversation, options: Checked): Evaluation {
  const { now, slaMinutes } = options;
  const applied = conversation.applied_sla;
  // An instance with the `sla` feature on renders `sla_policy_id: null, applied_sla: {}` for every
  // conversation without a policy (docs/CHATWOOT.md §5): that is no Chatwoot SLA.
  const noPolicy = conversation.sla_policy_id === null;
  if (!noPolicy && applied !== null && applied !== undefined && typeof applied === 'object') {
    // docs/PRODUCT.md: when the conversation carries Chatwoot's own SLA, it takes precedence.
    return evaluateChatwootSla(conversation, applied, now);
  }
  // The waiting clock: Chatwoot sets `waiting_since` when a customer writes while nobody is
  // waiting (and at creation), and clears it (0 on the wire) when an agent replies publicly or
  // the conversation is resolved. 0 = answered: nothing to breach. A payload without the field
  // at all cannot say, so it is judged by the runbook's creation clock (and names it).
  if (options.clock === 'waiting' && conversation.waiting_since !== undefined) {
    const waiting = toDate(conversation.waiting_since);
    if (waiting === null) return { breachedAt: null, clock: null, upcoming: null };
    return evaluateFrom(waiting, 'waiting', now, slaMinutes);
  }
  // The runbook's clock: the Q&A is explicit that the breach counts "from conversation
  // creation, not last reply": a conversation already replied to stays breached.
  const created = toDate(conversation.created_at);
  if (created === null) return { breachedAt: null, clock: null, upcoming: null };
  return evaluateFrom(created, 'creation', now, slaMinutes);
}

/** Deadline = start + SLA minutes. */
function evaluateFrom(
  start: Date,
  kind: 'waiting' | 'creation',
  now: Date,
  slaMinutes: number,
): Evaluation {
  const deadline = new Date(start.getTime() + slaMinutes * MINUTE);
  const clock: SlaClock = { source: 'runbook', kind, startedAt: start, deadline };
  // Breached once the deadline is reached (≤ now). A start "in the future" (clock skew) has
  // its deadline ahead of now: not breached.
  return deadline.getTime() <= now.getTime()
    ? { breachedAt: deadline, clock, upcoming: null }
    : { breachedAt: null, clock, upcoming: deadline };
}

interface Candidate {
  kind: Exclude<ClockKind, 'creation' | 'waiting'>;
  at: Date;
  startedAt: Date | null;
  deadline: Date | null;
}

const SLA_KINDS = ['frt', 'nrt', 'rt'] as const;
const MISSED_STATUSES = new Set(['missed', 'active_with_misses']);

function thresholdMs(value: number | string | null | undefined): number | null {
  const seconds = typeof value === 'string' ? Number(value.trim() || NaN) : value;
  // Chatwoot's policy form only takes positive durations; 0/null mean "not set".
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
    ? seconds * 1000
    : null;
}

function plus(start: Date | null, ms: number | null): Date | null {
  return start === null || ms === null ? null : new Date(start.getTime() + ms);
}

function earliest<T extends { at: Date }>(items: readonly T[]): T | null {
  return items.reduce<T | null>(
    (best, item) => (best === null || item.at < best.at ? item : best),
    null,
  );
}

// Chatwoot's evaluator (docs/CHATWOOT.md §5; enterprise/app/services/sla/evaluate_applied_sla_service.rb):
// FRT missed when created_at + FRT passed and the first reply is missing or came after it;
// NRT missed when waiting_since + NRT passed after a first reply; RT missed when unresolved
// past created_at + RT. A deadline is "passed" at due ≤ now (Chatwoot: `now < due_at` is within).
// A conversation with a policy is judged by it alone (docs/PRODUCT.md: Chatwoot's SLA takes
// precedence), even when the payload lets us compute nothing: then it is simply not breached.
function evaluateChatwootSla(
  conversation: SlaConversation,
  applied: AppliedSla,
  now: Date,
): Evaluation {
  const created = toDate(conversation.created_at);
  const firstReply = toDate(conversation.first_reply_created_at);
  const waiting = toDate(conversation.waiting_since);
  const thresholds = {
    frt: thresholdMs(applied.sla_first_response_time_threshold),
    nrt: thresholdMs(applied.sla_next_response_time_threshold),
    rt: thresholdMs(applied.sla_resolution_time_threshold),
  };
  // Prefer Chatwoot's own due times: with `sla_only_during_business_hours` they differ from
  // start + threshold, which is all an older payload lets us compute.
  const started = { frt: created, nrt: firstReply === null ? null : waiting, rt: created };
  const due = {
    frt: toDate(applied.sla_frt_due_at) ?? plus(started.frt, thresholds.frt),
    nrt:
      firstReply === null
        ? null
        : (toDate(applied.sla_nrt_due_at) ?? plus(started.nrt, thresholds.nrt)),
    rt: toDate(applied.sla_rt_due_at) ?? plus(started.rt, thresholds.rt),
  };
  const slaName =
    typeof applied.sla_name === 'string' && applied.sla_name.trim() !== ''
      ? applied.sla_name
      : undefined;
  const status = (applied.sla_status ?? '').toString().trim().toLowerCase();
  const events = (conversation.sla_events ?? []).flatMap((event) => {
    const kind = (event?.event_type ?? '').toString().trim().toLowerCase();
    const at = toDate(event?.created_at);
    return (SLA_KINDS as readonly string[]).includes(kind) && at !== null
      ? [{ kind: kind as Candidate['kind'], at }]
      : [];
  });

  const nowMs = now.getTime();
  const passed = (date: Date | null): date is Date => date !== null && date.getTime() <= nowMs;
  const candidates: Candidate[] = [];
  for (const kind of SLA_KINDS) {
    const kindEvents = events.filter((event) => event.kind === kind);
    const first = earliest(kindEvents);
    if (first !== null) {
      // Chatwoot recorded the miss: its time wins over ours. An event "after" now is our
      // clock lagging Chatwoot's (skew); it has happened, so it counts as now.
      const at = first.at.getTime() > nowMs ? now : first.at;
      candidates.push({ kind, at, startedAt: started[kind], deadline: due[kind] ?? at });
      continue;
    }
    const deadline = due[kind];
    if (!passed(deadline)) continue;
    if (kind === 'frt' && firstReply !== null && firstReply.getTime() <= deadline.getTime())
      continue;
    candidates.push({ kind, at: deadline, startedAt: started[kind], deadline });
  }

  let breach = earliest(candidates);
  if (breach === null && MISSED_STATUSES.has(status)) {
    // Chatwoot says missed but the payload holds no time: take the earliest deadline already
    // passed, else the creation time. Errs towards urgency rather than hiding a known miss.
    const fallback = earliest(
      SLA_KINDS.flatMap((kind) => {
        const deadline = due[kind];
        return passed(deadline) ? [{ kind, at: deadline, startedAt: started[kind], deadline }] : [];
      }),
    );
    breach =
      fallback ??
      (created === null
        ? { kind: 'frt', at: now, startedAt: null, deadline: null }
        : { kind: 'frt', at: created > now ? now : created, startedAt: created, deadline: null });
  }

  if (breach !== null) {
    return {
      breachedAt: breach.at,
      clock: {
        source: 'chatwoot_sla',
        kind: breach.kind,
        startedAt: breach.startedAt ?? breach.deadline ?? breach.at,
        deadline: breach.deadline ?? breach.at,
        ...(slaName === undefined ? {} : { slaName }),
      },
      upcoming: null,
    };
  }

  // Not breached: the running clock is the one whose deadline comes first. FRT runs until
  // the first reply, NRT while the customer waits after one, RT until resolution.
  const running = earliest(
    SLA_KINDS.flatMap((kind) => {
      const deadline = due[kind];
      if (deadline === null || passed(deadline)) return [];
      if (kind === 'frt' && firstReply !== null) return [];
      return [{ kind, at: deadline, startedAt: started[kind] }];
    }),
  );
  if (running === null) return { breachedAt: null, clock: null, upcoming: null };
  return {
    breachedAt: null,
    clock: {
      source: 'chatwoot_sla',
      kind: running.kind,
      startedAt: running.startedAt ?? running.at,
      deadline: running.at,
      ...(slaName === undefined ? {} : { slaName }),
    },
    upcoming: running.at,
  };
}

// The team record: one decision as a compact JSON string in its conversation's custom
// attributes, key `cxd_<decision id>` (docs/DECISION-LOG.md, "The team log"). Pure: the writer
// (lib/outbox/team-write.ts) and the sync (lib/background/team-sync.ts) pass in what they read.

import {
  DECISION_ACTIONS,
  ESCALATION_REASONS,
  type DecisionAction,
  type DecisionRecord,
  type EscalationReason,
} from './record';

export const TEAM_KEY_PREFIX = 'cxd_';
export const TEAM_RECORD_VERSION = 1;
/** Reply, suggestion and note are cut to this many characters (the record stays small). */
export const TEAM_TEXT_MAX = 1_000;

const SHORT: Record<DecisionAction, string> = {
  'chatwoot.approve_send': 'approve',
  'chatwoot.escalate': 'escalate',
  'chatwoot.mark_resolved': 'resolve',
};

export const teamKey = (decisionId: string): string => `${TEAM_KEY_PREFIX}${decisionId}`;

type Writable = Pick<
  DecisionRecord,
  | 'id'
  | 'action'
  | 'conversationId'
  | 'createdAt'
  | 'operatorEmail'
  | 'operatorId'
  | 'profileId'
  | 'suggestedTemplate'
  | 'edited'
  | 'replySource'
  | 'escalationReason'
  | 'extraReasons'
  | 'note'
  | 'replyBody'
  | 'suggestedBody'
>;

/** The record of a decision Chatwoot took: its key and its value (a JSON string). */
export function encodeTeamRecord(
  record: Writable,
  postedMessageId: number | null,
): [key: string, value: string] {
  let cut = false;
  const text = (s: string | null | undefined): string | undefined => {
    if (s == null || s === '') return undefined;
    if (s.length <= TEAM_TEXT_MAX) return s;
    cut = true;
    return s.slice(0, TEAM_TEXT_MAX);
  };
  const value = {
    v: TEAM_RECORD_VERSION,
    id: record.id,
    c: record.conversationId,
    a: SHORT[record.action],
    t: record.createdAt.toISOString(),
    op: record.operatorEmail,
    oid: record.operatorId ?? undefined,
    p: record.profileId ?? undefined,
    tpl: record.suggestedTemplate ?? undefined,
    ed: record.action === 'chatwoot.approve_send' ? record.edited : undefined,
    src: record.replySource ?? undefined,
    r: record.escalationReason ?? undefined,
    xr: record.extraReasons?.length ? record.extraReasons : undefined,
    n: text(record.note),
    b: text(record.replyBody),
    s: text(record.suggestedBody),
    m: postedMessageId ?? undefined,
    cut: undefined as 1 | undefined,
  };
  if (cut) value.cut = 1;
  return [teamKey(record.id), JSON.stringify(value)];
}

export type TeamRecordProblem =
  | 'unreadable' // not JSON (truncated, hand-typed)
  | 'not_a_record' // JSON, but not an object
  | 'missing_field' // no id, time or operator
  | 'unknown_action'
  | 'id_mismatch' // the key names another decision than the value
  | 'other_conversation'; // the record names another conversation than the one holding it

export interface BadTeamRecord {
  accountId: number;
  conversationId: number;
  key: string;
  problem: TeamRecordProblem;
}

export interface TeamRecordsRead {
  records: DecisionRecord[];
  bad: BadTeamRecord[];
}

export interface HoldingConversation {
  accountId: number;
  /** The display id of the conversation whose attributes are read. */
  conversationId: number;
  customAttributes: Record<string, unknown> | null | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACTIONS = new Map<string, DecisionAction>([
  ...DECISION_ACTIONS.map((a) => [a, a] as const),
  ...DECISION_ACTIONS.map((a) => [SHORT[a], a] as const),
]);

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const int = (v: unknown): number | null =>
  typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null;
const reason = (v: unknown): EscalationReason | null =>
  typeof v === 'string'
    ? (ESCALATION_REASONS as readonly string[]).includes(v)
      ? (v as EscalationReason)
      : 'other'
    : null;

/**
 * Every team record in one conversation's attributes, read into decision rows of origin
 * `origin`. Records from newer versions are read for the fields this version knows; older or
 * hand-edited ones are taken when their id, action, time and operator are sound. Anything else
 * is counted and named in `bad`. Never throws; keys without the prefix are not ours.
 */
export function parseTeamRecords(
  conversation: HoldingConversation,
  origin: string,
  now: Date,
): TeamRecordsRead {
  const out: TeamRecordsRead = { records: [], bad: [] };
  const attrs = conversation.customAttributes;
  if (!attrs || typeof attrs !== 'object') return out;
  for (const [key, raw] of Object.entries(attrs)) {
    if (!key.startsWith(TEAM_KEY_PREFIX)) continue;
    const parsed = parseOne(key, raw, conversation, origin, now);
    if (typeof parsed === 'string') {
      out.bad.push({
        accountId: conversation.accountId,
        conversationId: conversation.conversationId,
        key,
        problem: parsed,
      });
    } else out.records.push(parsed);
  }
  return out;
}

function parseOne(
  key: string,
  raw: unknown,
  where: HoldingConversation,
  origin: string,
  now: Date,
): DecisionRecord | TeamRecordProblem {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return 'unreadable';
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'not_a_record';
  const v = value as Record<string, unknown>;
  const id = str(v.id) ?? key.slice(TEAM_KEY_PREFIX.length);
  const created = str(v.t) ?? (typeof v.t === 'number' ? new Date(v.t).toISOString() : null);
  const createdAt = created ? new Date(created) : null;
  const operatorEmail = str(v.op);
  if (!UUID.test(id) || !createdAt || Number.isNaN(createdAt.getTime()) || operatorEmail === null)
    return 'missing_field';
  if (teamKey(id).toLowerCase() !== key.toLowerCase()) return 'id_mismatch';
  const action = ACTIONS.get(str(v.a) ?? '');
  if (!action) return 'unknown_action';
  if (v.c !== undefined && v.c !== where.conversationId) return 'other_conversation';
  const approve = action === 'chatwoot.approve_send';
  const extra = Array.isArray(v.xr) ? v.xr.map(reason).filter((r) => r !== null) : [];
  return {
    id: id.toLowerCase(),
    action,
    scope: 'ops',
    accountId: where.accountId,
    conversationId: where.conversationId,
    chatwootOrigin: origin,
    operatorEmail,
    operatorId: int(v.oid),
    profileId: str(v.p),
    replyBody: approve ? str(v.b) : null,
    suggestedTemplate: approve || action === 'chatwoot.escalate' ? str(v.tpl) : null,
    suggestedBody: approve ? str(v.s) : null,
    edited: approve && v.ed === true,
    replySource: approve ? (v.src === 'ai' ? 'ai' : 'template') : null,
    note: str(v.n),
    escalationReason: action === 'chatwoot.escalate' ? (reason(v.r) ?? 'other') : null,
    ...(extra.length ? { extraReasons: extra } : {}),
    createdAt,
    updatedAt: now,
    syncState: 'sent',
    error: null,
    attempts: 0,
    mock: false,
    postedMessageId: int(v.m),
    source: 'team',
  };
}

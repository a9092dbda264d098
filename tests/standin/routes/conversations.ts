// Conversation queries: access rules, the list endpoint (Chatwoot's ConversationFinder) and
// the filter endpoint (Conversations::FilterService). docs/CHATWOOT.md §3 "list" and "filter".
import type {
  Conversation,
  ConversationStatus,
  FilterCondition,
  Role,
  StandinState,
  User,
} from '../types';
import { CONVERSATION_STATUSES } from '../types';

export const PAGE_SIZE = 25;

export function roleIn(state: StandinState, user: User, accountId: number): Role | undefined {
  return state.accountUsers.find((au) => au.userId === user.id && au.accountId === accountId)?.role;
}

/** Administrators see every inbox; agents only the inboxes they are members of. */
export function canAccess(state: StandinState, user: User, conv: Conversation): boolean {
  const role = roleIn(state, user, conv.accountId);
  if (role === 'administrator') return true;
  if (role !== 'agent') return false;
  const inbox = state.inboxes.find((i) => i.id === conv.inboxId);
  return inbox?.memberIds.includes(user.id) ?? false;
}

export interface Counts {
  mine_count: number;
  assigned_count: number;
  unassigned_count: number;
  all_count: number;
}

function counts(list: Conversation[], user: User): Counts {
  return {
    mine_count: list.filter((c) => c.assigneeId === user.id).length,
    assigned_count: list.filter((c) => c.assigneeId !== null).length,
    unassigned_count: list.filter((c) => c.assigneeId === null).length,
    all_count: list.length,
  };
}

function searchable(state: StandinState, conv: Conversation): string {
  const contact = state.contacts.find((c) => c.id === conv.contactId);
  return [contact?.name ?? '', contact?.email ?? '', ...conv.messages.map((m) => m.content ?? '')]
    .join('\n')
    .toLowerCase();
}

type Sorter = (a: Conversation, b: Conversation) => number;
const PRIORITY_RANK: Record<string, number> = { low: 0, medium: 1, high: 2, urgent: 3 };
const byActivityDesc: Sorter = (a, b) => b.lastActivityAt - a.lastActivityAt || b.id - a.id;
const nullsLast =
  (get: (c: Conversation) => number | null, dir: 1 | -1): Sorter =>
  (a, b) => {
    const x = get(a);
    const y = get(b);
    if (x === null && y === null) return byActivityDesc(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return (x - y) * dir || byActivityDesc(a, b);
  };
const prio = (c: Conversation): number | null =>
  c.priority === null ? null : (PRIORITY_RANK[c.priority] ?? null);

/** ConversationFinder sort options; unknown values fall back to the default. */
const SORTS: Record<string, Sorter> = {
  latest: byActivityDesc,
  last_activity_at_desc: byActivityDesc,
  last_activity_at_asc: (a, b) => a.lastActivityAt - b.lastActivityAt || a.id - b.id,
  sort_on_created_at: (a, b) => a.createdAt - b.createdAt || a.id - b.id,
  created_at_asc: (a, b) => a.createdAt - b.createdAt || a.id - b.id,
  created_at_desc: (a, b) => b.createdAt - a.createdAt || b.id - a.id,
  sort_on_priority: nullsLast(prio, -1),
  priority_desc: nullsLast(prio, -1),
  priority_asc: nullsLast(prio, 1),
  sort_on_waiting_since: nullsLast((c) => c.waitingSince, 1),
  waiting_since_asc: nullsLast((c) => c.waitingSince, 1),
  waiting_since_desc: nullsLast((c) => c.waitingSince, -1),
};

function paginate<T>(list: T[], pageParam: string | null): T[] {
  const page = Math.max(1, Math.trunc(Number(pageParam ?? '1')) || 1);
  return list.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
}

export function queryLabels(query: URLSearchParams): string[] {
  return [...query.getAll('labels[]'), ...query.getAll('labels')]
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toLowerCase())
    .filter((v) => v !== '');
}

/** GET /api/v1/accounts/{a}/conversations (counts are taken before assignee_type and paging). */
export function listConversations(
  state: StandinState,
  user: User,
  accountId: number,
  query: URLSearchParams,
  nowMs: number,
): { counts: Counts; page: Conversation[] } {
  let list = state.conversations.filter(
    (c) => c.accountId === accountId && canAccess(state, user, c),
  );
  const status = query.get('status') || 'open';
  if (status !== 'all') list = list.filter((c) => c.status === status);
  const inboxId = query.get('inbox_id');
  if (inboxId) list = list.filter((c) => String(c.inboxId) === inboxId);
  const teamId = query.get('team_id');
  if (teamId) list = list.filter((c) => String(c.teamId) === teamId);
  const labels = queryLabels(query);
  if (labels.length > 0) list = list.filter((c) => c.labels.some((l) => labels.includes(l)));
  const q = query.get('q')?.trim().toLowerCase();
  if (q) list = list.filter((c) => searchable(state, c).includes(q));
  const within = Number(query.get('updated_within'));
  if (within > 0) list = list.filter((c) => c.updatedAt >= nowMs - within * 1000);
  switch (query.get('conversation_type')) {
    case 'mention':
      list = list.filter((c) => c.mentionedUserIds.includes(user.id));
      break;
    case 'participating':
      list = list.filter((c) => c.participantIds.includes(user.id));
      break;
    case 'unattended':
      list = list.filter((c) => c.firstReplyCreatedAt === null || c.waitingSince !== null);
      break;
  }
  const result = counts(list, user);
  switch (query.get('assignee_type')) {
    case 'me':
      list = list.filter((c) => c.assigneeId === user.id);
      break;
    case 'unassigned':
      list = list.filter((c) => c.assigneeId === null);
      break;
    case 'assigned':
      list = list.filter((c) => c.assigneeId !== null);
      break;
  }
  const sorter = SORTS[query.get('sort_by') ?? ''] ?? byActivityDesc;
  const sorted = [...list].sort(sorter);
  // ConversationFinder: with `updated_within`, every match at once and `page` ignored.
  return { counts: result, page: within > 0 ? sorted : paginate(sorted, query.get('page')) };
}

// --- filter -------------------------------------------------------------------------------------

export class FilterError extends Error {}

const EQUALITY = ['equal_to', 'not_equal_to'];
const TEXT = [...EQUALITY, 'contains', 'does_not_contain'];
const PRESENCE = ['is_present', 'is_not_present'];
const ATTRIBUTES: Record<
  string,
  { ops: string[]; get: (s: StandinState, c: Conversation) => string[] }
> = {
  status: { ops: EQUALITY, get: (_s, c) => [c.status] },
  assignee_id: { ops: [...EQUALITY, ...PRESENCE], get: (_s, c) => idList(c.assigneeId) },
  inbox_id: { ops: [...EQUALITY, ...PRESENCE], get: (_s, c) => [String(c.inboxId)] },
  team_id: { ops: [...EQUALITY, ...PRESENCE], get: (_s, c) => idList(c.teamId) },
  priority: { ops: [...EQUALITY, ...PRESENCE], get: (_s, c) => (c.priority ? [c.priority] : []) },
  display_id: {
    ops: [...EQUALITY, 'contains', 'does_not_contain'],
    get: (_s, c) => [String(c.displayId)],
  },
  labels: { ops: [...TEXT, ...PRESENCE], get: (_s, c) => c.labels },
  browser_language: {
    ops: [...TEXT, ...PRESENCE],
    get: (_s, c) => {
      const v = c.additionalAttributes.browser_language;
      return typeof v === 'string' ? [v] : [];
    },
  },
  mail_subject: {
    ops: [...TEXT, ...PRESENCE],
    get: (_s, c) => {
      const v = c.additionalAttributes.mail_subject;
      return typeof v === 'string' ? [v] : [];
    },
  },
};

function idList(id: number | null): string[] {
  return id === null ? [] : [String(id)];
}

function parseConditions(payload: unknown): FilterCondition[] {
  if (!Array.isArray(payload) || payload.length === 0) {
    throw new FilterError('payload must be a non-empty array of conditions');
  }
  return payload.map((raw): FilterCondition => {
    const c = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const key = typeof c.attribute_key === 'string' ? c.attribute_key : '';
    const op = typeof c.filter_operator === 'string' ? c.filter_operator : '';
    const attr = ATTRIBUTES[key];
    if (!attr) throw new FilterError(`Invalid attribute key - [${key}]`);
    if (!attr.ops.includes(op)) {
      throw new FilterError(
        `Invalid operator. The allowed operators for ${key} are [${attr.ops.join(',')}].`,
      );
    }
    const values = Array.isArray(c.values) ? c.values : c.values === undefined ? [] : [c.values];
    if (!PRESENCE.includes(op) && values.length === 0) {
      throw new FilterError(`Invalid value. The values provided for ${key} are invalid`);
    }
    const qo = typeof c.query_operator === 'string' ? c.query_operator.toUpperCase() : null;
    return { attribute_key: key, filter_operator: op, values, query_operator: qo };
  });
}

function test(state: StandinState, conv: Conversation, cond: FilterCondition): boolean {
  const attr = ATTRIBUTES[cond.attribute_key];
  if (!attr) return false;
  const actual = attr.get(state, conv).map((v) => v.toLowerCase());
  const wanted = cond.values.map((v) => String(v).toLowerCase());
  // Chatwoot's `labels` "contains" behaves like "has any of".
  const any = actual.some((a) => wanted.includes(a));
  const sub = actual.some((a) => wanted.some((w) => a.includes(w)));
  switch (cond.filter_operator) {
    case 'equal_to':
      return any;
    case 'not_equal_to':
      return !any;
    case 'contains':
      return cond.attribute_key === 'labels' ? any : sub;
    case 'does_not_contain':
      return cond.attribute_key === 'labels' ? !any : !sub;
    case 'is_present':
      return actual.length > 0;
    case 'is_not_present':
      return actual.length === 0;
    default:
      return false;
  }
}

/** Each condition's query_operator joins it to the next; AND binds tighter than OR, as in SQL. */
export function matchesAll(
  state: StandinState,
  conv: Conversation,
  conditions: FilterCondition[],
): boolean {
  let orGroups = false;
  let group = true;
  conditions.forEach((cond, i) => {
    group = group && test(state, conv, cond);
    const joiner = i < conditions.length - 1 ? (cond.query_operator ?? 'AND') : 'END';
    if (joiner === 'OR' || joiner === 'END') {
      orGroups = orGroups || group;
      group = true;
    }
  });
  return orGroups;
}

/** POST /api/v1/accounts/{a}/conversations/filter. Throws FilterError (422) on a bad payload. */
export function filterConversations(
  state: StandinState,
  user: User,
  accountId: number,
  payload: unknown,
  pageParam: string | null,
): { counts: Omit<Counts, 'assigned_count'>; page: Conversation[] } {
  const conditions = parseConditions(payload);
  const list = state.conversations
    .filter((c) => c.accountId === accountId && canAccess(state, user, c))
    .filter((c) => matchesAll(state, c, conditions))
    .sort(byActivityDesc);
  const { mine_count, unassigned_count, all_count } = counts(list, user);
  return { counts: { mine_count, unassigned_count, all_count }, page: paginate(list, pageParam) };
}

export function isStatus(v: unknown): v is ConversationStatus {
  return typeof v === 'string' && (CONVERSATION_STATUSES as readonly string[]).includes(v);
}

// The log view's filter fields (strings, as form controls hold them) → a DecisionFilter.
// Dates are calendar days in the runtime's time zone, the same zone as the CSV's local-time
// column and file name: "To 27 Nov" includes all of 27 Nov.

import type { DecisionFilter } from './query';
import { DECISION_ACTIONS, SYNC_STATES, type DecisionAction, type SyncState } from './record';

export interface LogFilterForm {
  /** `YYYY-MM-DD` (an <input type=date> value) or ''. Inclusive. */
  from: string;
  /** `YYYY-MM-DD` or ''. Inclusive: the whole day counts. */
  to: string;
  action: DecisionAction | '';
  operator: string;
  /** Conversation number as typed: `1234` or `#1234`; anything else is ignored. */
  conversation: string;
  syncState: SyncState | '';
  /** Searched in notes and replies (and the operator's email). */
  text: string;
}

export const EMPTY_LOG_FILTER: LogFilterForm = {
  from: '',
  to: '',
  action: '',
  operator: '',
  conversation: '',
  syncState: '',
  text: '',
};

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight starting the day `YYYY-MM-DD` (+ `addDays`), or null when not a date. */
export function localDayStart(ymd: string, addDays = 0): Date | null {
  const m = YMD.exec(ymd);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = localMidnight(y, mo, d);
  // Date rolls 31 Feb over to March: reject days that don't exist.
  if (check.getFullYear() !== y || check.getMonth() !== mo - 1 || check.getDate() !== d) {
    return null;
  }
  return addDays === 0 ? check : localMidnight(y, mo, d + addDays);
}

function localMidnight(y: number, mo: number, d: number): Date {
  const date = new Date(2000, 0, 1);
  date.setFullYear(y, mo - 1, d); // unlike the constructor, keeps years 0-99 as given
  date.setHours(0, 0, 0, 0);
  return date;
}

/** The local calendar day of `date` as an <input type=date> value. */
export function toDateInputValue(date: Date): string {
  const y = String(date.getFullYear()).padStart(4, '0');
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function conversationNumber(s: string): number | undefined {
  const m = /^#?\s*(\d{1,15})$/.exec(s.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export function toDecisionFilter(form: LogFilterForm): DecisionFilter {
  const filter: DecisionFilter = {};
  const from = localDayStart(form.from);
  const to = localDayStart(form.to, 1);
  if (from) filter.from = from;
  if (to) filter.to = to;
  if (form.action && DECISION_ACTIONS.includes(form.action)) filter.actions = [form.action];
  if (form.syncState && SYNC_STATES.includes(form.syncState)) filter.syncStates = [form.syncState];
  if (form.operator) filter.operatorEmail = form.operator;
  const conversationId = conversationNumber(form.conversation);
  if (conversationId !== undefined) filter.conversationId = conversationId;
  const text = form.text.trim();
  if (text) filter.text = text;
  return filter;
}

/** The same filter without its action choice: per-action counts show every action. */
export function withoutActions(filter: DecisionFilter): DecisionFilter {
  const { actions: _actions, ...rest } = filter;
  return rest;
}

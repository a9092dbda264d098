// Suggestion quality for leads (issue 19): per template or per operator, how often the suggestion
// shown was sent as is, sent edited, or replaced by Chatwoot's AI draft or by an escalation.
// Acceptance = (as is + edited) ÷ shown, the measure helpdesk vendors use. Pure.

import type { DecisionRecord } from './record';

export type QualityBy = 'template' | 'operator';

export interface QualityRow {
  key: string;
  shown: number;
  asIs: number;
  edited: number;
  ai: number;
  escalated: number;
  /** 0–1, or null when nothing was shown. */
  acceptance: number | null;
}

type Counted = Pick<
  DecisionRecord,
  'action' | 'suggestedTemplate' | 'edited' | 'replySource' | 'operatorEmail' | 'mock' | 'syncState'
>;

/** Adds records to running totals (the log walks its rows in chunks). Mock (training) and
 * cancelled decisions do not count; a decision with no suggestion shown does not either. */
export function countQuality(
  totals: Map<string, QualityRow>,
  records: Iterable<Counted>,
  by: QualityBy,
) {
  for (const r of records) {
    if (r.mock || r.syncState === 'cancelled' || !r.suggestedTemplate) continue;
    if (r.action === 'chatwoot.mark_resolved') continue;
    const key = by === 'template' ? r.suggestedTemplate : r.operatorEmail || '?';
    let row = totals.get(key);
    if (!row) {
      row = { key, shown: 0, asIs: 0, edited: 0, ai: 0, escalated: 0, acceptance: null };
      totals.set(key, row);
    }
    row.shown++;
    if (r.action === 'chatwoot.escalate') row.escalated++;
    else if (r.replySource === 'ai') row.ai++;
    else if (r.edited) row.edited++;
    else row.asIs++;
    row.acceptance = (row.asIs + row.edited) / row.shown;
  }
  return totals;
}

/** The rows, most shown first (ties by key). */
export function qualityRows(totals: Map<string, QualityRow>): QualityRow[] {
  return [...totals.values()].sort((a, b) => b.shown - a.shown || a.key.localeCompare(b.key));
}

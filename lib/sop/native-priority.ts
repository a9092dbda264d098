// Chatwoot's own priority, optionally (issue 19, managed key `nativePriority`, off by default):
// P1 → urgent, P2 → high, P3 → medium, so agents without the extension see the triage in
// Chatwoot's list. A priority a person set is never overwritten: the extension remembers what it
// wrote per conversation and writes only over that, or over no priority it never touched. Pure.

import type { Priority } from './sla';

export const NATIVE_PRIORITY: Record<Priority, 'urgent' | 'high' | 'medium'> = {
  P1: 'urgent',
  P2: 'high',
  P3: 'medium',
};

/**
 * The priority to write, or null to leave the conversation as it is.
 * @param level the SLA priority now (null: none).
 * @param current Chatwoot's priority now (null: none).
 * @param lastWritten what the extension last wrote there; undefined if it never did.
 */
export function nativePriorityToWrite(
  level: Priority | null,
  current: string | null | undefined,
  lastWritten: string | undefined,
): string | null {
  if (level === null) return null;
  const wanted = NATIVE_PRIORITY[level];
  if (current === wanted) return null;
  const untouched = (current ?? null) === null && lastWritten === undefined;
  const ours = lastWritten !== undefined && current === lastWritten;
  return untouched || ours ? wanted : null;
}

import { describe, expect, it } from 'vitest';
import { needsThread, nextFollowUpAt, queueFollowUps } from '../../../lib/sop/follow-up-queue';
import { ESCALATION_NOTE_PREFIX } from '../../../lib/sop/follow-up-start';
import type { WireMessage } from '../../../lib/chatwoot/schemas';

// Issue 17's two false flags: the queue judged follow-ups from the list payload's last message.

const H = 3_600_000;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const at = (ms: number) => Math.floor(ms / 1000);
const msg = (id: number, type: number, content: string, ms: number, priv = false): WireMessage => ({
  id,
  content,
  message_type: type,
  private: priv,
  created_at: at(ms),
});
const sent = (action: string, ms: number) => ({
  action,
  createdAt: new Date(ms),
  syncState: 'sent',
});

describe('queue follow-up flags from the conversation’s own thread', () => {
  it('no false "re-escalate to L2" when a note came after the customer’s answer', () => {
    const thread = [
      msg(1, 0, 'Where is my order?', T0 - H),
      msg(2, 1, 'It ships today.', T0), // the approved reply
      msg(3, 0, 'Thanks, got it!', T0 + H), // the customer answered
      msg(4, 1, 'Customer confirmed, closing later.', T0 + 2 * H, true), // a private note
    ];
    const decisions = [sent('chatwoot.approve_send', T0)];
    const now = new Date(T0 + 25 * H);
    // What the list payload showed (its last non-activity message is the note): a false flag.
    expect(queueFollowUps({ thread: [thread[3]!], decisions, now }).map((f) => f.kind)).toEqual([
      're_escalate_l2',
    ]);
    expect(queueFollowUps({ thread, decisions, now })).toEqual([]);
  });

  it('keeps an unacknowledged escalation when the customer writes again', () => {
    const thread = [
      msg(1, 0, 'This is the third time I ask.', T0 - H),
      msg(2, 1, `${ESCALATION_NOTE_PREFIX}Dana: policy exception`, T0, true), // another machine
      msg(3, 0, 'Hello?? Anyone?', T0 + H),
    ];
    const now = new Date(T0 + 3 * H);
    // The list payload's last message is the customer's: the escalation was lost.
    expect(queueFollowUps({ thread: [thread[2]!], decisions: [], now })).toEqual([]);
    const flags = queueFollowUps({ thread, decisions: [], now });
    expect(flags.map((f) => f.kind)).toEqual(['escalation_unacknowledged']);
    expect(flags[0]!.dueAt.getTime()).toBe(T0 + 2 * H);
  });

  it('no flag before the thread is known; the next flag instant for the re-render', () => {
    const decisions = [sent('chatwoot.escalate', T0)];
    expect(queueFollowUps({ thread: undefined, decisions, now: new Date(T0 + 3 * H) })).toEqual([]);
    expect(nextFollowUpAt({ thread: [], decisions, now: new Date(T0 + H) })).toEqual(
      new Date(T0 + 2 * H),
    );
    expect(nextFollowUpAt({ thread: [], decisions, now: new Date(T0 + 3 * H) })).toBeNull();
  });

  it('only open/pending conversations with a decision or the escalation label need a thread', () => {
    expect(needsThread({ status: 'open', labels: [] }, [])).toBe(false);
    expect(needsThread({ status: 'open', labels: ['Escalated'] }, [])).toBe(true);
    expect(
      needsThread({ status: 'pending', labels: [] }, [sent('chatwoot.approve_send', T0)]),
    ).toBe(true);
    expect(needsThread({ status: 'resolved', labels: ['escalation'] }, [])).toBe(false);
  });
});

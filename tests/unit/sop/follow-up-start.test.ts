import { describe, expect, it } from 'vitest';
import { ESCALATION_NOTE_PREFIX, followUpStarts } from '../../../lib/sop/follow-up-start';

const at = (iso: string) => new Date(iso);
const sec = (iso: string) => Math.floor(Date.parse(iso) / 1000);

describe('followUpStarts: when the 24 h and 2 h waits began', () => {
  it.each([
    [
      'the latest sent approval and escalation from the log',
      [
        {
          action: 'chatwoot.approve_send',
          createdAt: at('2026-11-20T10:00:00Z'),
          syncState: 'sent',
        },
        {
          action: 'chatwoot.approve_send',
          createdAt: at('2026-11-21T10:00:00Z'),
          syncState: 'sent',
        },
        { action: 'chatwoot.escalate', createdAt: at('2026-11-21T11:00:00Z'), syncState: 'sent' },
      ],
      [],
      {
        approvedAt: at('2026-11-21T10:00:00Z'),
        escalatedAt: at('2026-11-21T11:00:00Z'),
        escalatedBy: null,
      },
    ],
    [
      'a failed or pending approval does not start the wait',
      [
        {
          action: 'chatwoot.approve_send',
          createdAt: at('2026-11-21T10:00:00Z'),
          syncState: 'failed',
        },
        {
          action: 'chatwoot.approve_send',
          createdAt: at('2026-11-21T12:00:00Z'),
          syncState: 'pending',
        },
      ],
      [],
      { approvedAt: null, escalatedAt: null, escalatedBy: null },
    ],
    [
      'an escalation from another machine: the manager note in Chatwoot',
      [],
      [
        {
          id: 1,
          content: 'Where is my parcel?',
          message_type: 0,
          private: false,
          created_at: sec('2026-11-21T08:00:00Z'),
        },
        {
          id: 2,
          content: `${ESCALATION_NOTE_PREFIX}lee@acme.test.\nReason: Other.`,
          message_type: 1,
          private: true,
          created_at: sec('2026-11-21T09:00:00Z'),
          sender: { id: 12, name: 'Lee', type: 'user' },
        },
      ],
      {
        approvedAt: null,
        escalatedAt: at('2026-11-21T09:00:00Z'),
        // Who escalated: the note's sender (their own notes do not acknowledge it).
        escalatedBy: { id: 12, name: 'Lee' },
      },
    ],
    [
      'a public reply quoting the prefix is not an escalation',
      [],
      [
        {
          id: 3,
          content: `${ESCALATION_NOTE_PREFIX}me`,
          message_type: 1,
          private: false,
          created_at: sec('2026-11-21T09:00:00Z'),
        },
      ],
      { approvedAt: null, escalatedAt: null, escalatedBy: null },
    ],
  ])('%s', (_name, decisions, messages, expected) => {
    expect(followUpStarts({ decisions, messages })).toEqual(expected);
  });
});

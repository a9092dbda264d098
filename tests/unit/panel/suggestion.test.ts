import { describe, expect, it } from 'vitest';
import { suggestionFor } from '../../../components/panel/conversation/suggestion';
import { messageSchema, type WireMessage } from '../../../lib/chatwoot/schemas';
import { defaultLibrary, suggestFromLibrary } from '../../../lib/sop/templates/library';
import { CUES } from '../sop/cues-fixture';

// The suggestion remembered per thread: the same answer as computing it, computed again only
// when the thread, its labels, the library or the cue words change.

const T = 1_770_000_000;
const message = (id: number, content: string): WireMessage =>
  messageSchema.parse({ id, content, message_type: 0, created_at: T + id, private: false });

describe('suggestionFor', () => {
  it('answers what suggestFromLibrary answers, and the same object for the same thread', () => {
    const library = defaultLibrary();
    const data = {
      messages: [message(1, 'where is my parcel? tracking is stuck')],
      conversation: { labels: [] },
    };
    const first = suggestionFor(data, library, CUES);
    expect(first).toEqual(
      suggestFromLibrary({ messages: data.messages, labels: [] }, library, CUES),
    );
    expect(first?.templateId).toBe('ship_update');
    // A revisit (same cached thread, labels equal but a new array) reuses it.
    expect(suggestionFor({ ...data, conversation: { labels: [] } }, library, CUES)).toBe(first);
  });

  it('computes again for a new message, other labels or another library', () => {
    const library = defaultLibrary();
    const messages = [message(1, 'where is my parcel?')];
    const first = suggestionFor({ messages, conversation: { labels: [] } }, library, CUES);
    // A live event adds a message: a new array, a new answer.
    const later = [...messages, message(2, 'it arrived broken, I want a refund')];
    const second = suggestionFor({ messages: later, conversation: { labels: [] } }, library, CUES);
    expect(second?.templateId).toBe('refund_offer');
    expect(first?.templateId).toBe('ship_update');
    const labelled = suggestionFor({ messages, conversation: { labels: ['vip'] } }, library, CUES);
    expect(labelled).not.toBe(first);
    expect(labelled).toEqual(first); // the label is no cue: same answer, computed again
    const other = suggestionFor(
      { messages, conversation: { labels: ['vip'] } },
      defaultLibrary(),
      CUES,
    );
    expect(other).not.toBe(labelled);
  });
});

import type { ChatwootApi } from '../chatwoot/client';
import { ChatwootError } from '../chatwoot/errors';
import type { DecisionRecord } from '../decisions/record';
import { encodeTeamRecord } from '../decisions/team-record';

// The decision's team record (docs/DECISION-LOG.md, "The team log"), the last step of its own
// action: retried with it, keyed by the decision id, so it is written once.

/** Custom attributes POST replaces the hash on an older Chatwoot (newer ones merge when asked):
 * read, add our key, write with `merge: true`, check; read again in case a colleague's replace
 * in the same moment dropped it, and add it once more. A key already there stays as it is. */
export async function writeTeamRecord(
  api: ChatwootApi,
  record: DecisionRecord,
  postedMessageId: number | null,
): Promise<void> {
  if (record.mock || !api.setCustomAttributes) return;
  const { accountId: a, conversationId: c } = record;
  const [key, value] = encodeTeamRecord(record, postedMessageId);
  const read = async () => (await api.conversation(a, c)).custom_attributes ?? {};
  const before = await read();
  if (key in before) return;
  const saved = await api.setCustomAttributes(a, c, { ...before, [key]: value });
  const dropped = Object.keys(before).filter((k) => !(k in saved));
  if (!(key in saved) || dropped.length) {
    throw new ChatwootError(
      'unprocessable',
      `Chatwoot did not keep the team record${dropped.length ? ` (dropped: ${dropped.join(', ')})` : ''}`,
    );
  }
  const after = await read();
  if (key in after) return;
  const again = await api.setCustomAttributes(a, c, { ...after, [key]: value });
  if (!(key in again)) throw new ChatwootError('unprocessable', 'Chatwoot dropped the team record');
}

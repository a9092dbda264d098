// Conversation custom attributes, the team log's carrier (docs/DECISION-LOG.md): POST replaces
// the hash unless `merge` is truthy; the list carries the attributes; `updated_within` answers
// every match at once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { client, type ListJson } from './helpers';
import { SEED, startStandin, type Standin } from '../server';

let now = new Date('2026-03-02T10:00:00.000Z');
const A = `/api/v1/accounts/${SEED.accountId}`;
let standin: Standin;
const call = client(() => standin.url);

beforeAll(async () => {
  standin = await startStandin({ now: () => now, quiet: true });
});
afterAll(async () => {
  await standin.close();
});
beforeEach(() => {
  now = new Date('2026-03-02T10:00:00.000Z');
  standin.reset();
});

type Attrs = { custom_attributes: Record<string, unknown> };
const first = () => standin.state.conversations.find((c) => c.accountId === SEED.accountId)!;

describe('custom attributes', () => {
  it('REPLACES the hash without merge, keeps the other keys with merge: true', async () => {
    const id = first().displayId;
    const path = `${A}/conversations/${id}/custom_attributes`;
    await call('POST', path, { body: { custom_attributes: { order_id: '1', tier: 'gold' } } });
    const merged = await call<Attrs>('POST', path, {
      body: { custom_attributes: { cxd_a: 'x' }, merge: true },
    });
    expect(merged.json.custom_attributes).toEqual({ order_id: '1', tier: 'gold', cxd_a: 'x' });
    const replaced = await call<Attrs>('POST', path, {
      body: { custom_attributes: { cxd_b: 'y' } },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json.custom_attributes).toEqual({ cxd_b: 'y' });
    const shown = await call<Attrs>('GET', `${A}/conversations/${id}`);
    expect(shown.json.custom_attributes).toEqual({ cxd_b: 'y' });
  });

  it('an older Chatwoot ignores merge', async () => {
    await call('POST', '/__standin/config', { body: { customAttributesIgnoreMerge: true } });
    const path = `${A}/conversations/${first().displayId}/custom_attributes`;
    await call('POST', path, { body: { custom_attributes: { order_id: '1' } } });
    const res = await call<Attrs>('POST', path, {
      body: { custom_attributes: { k: 'v' }, merge: true },
    });
    expect(res.json.custom_attributes).toEqual({ k: 'v' });
  });

  it('destroy_custom_attributes removes the keys named', async () => {
    const id = first().displayId;
    await call('POST', `${A}/conversations/${id}/custom_attributes`, {
      body: { custom_attributes: { a: '1', b: '2' } },
    });
    await call('POST', `${A}/conversations/${id}/destroy_custom_attributes`, {
      body: { custom_attributes: ['a'] },
    });
    const shown = await call<Attrs>('GET', `${A}/conversations/${id}`);
    expect(shown.json.custom_attributes).toEqual({ b: '2' });
  });

  it('the list carries them; updated_within answers every match at once, page ignored', async () => {
    const id = first().displayId;
    now = new Date(now.getTime() + 3_600_000);
    await call('POST', `${A}/conversations/${id}/custom_attributes`, {
      body: { custom_attributes: { cxd_z: 'rec' }, merge: true },
    });
    for (const page of [1, 2]) {
      const recent = await call<ListJson>(
        'GET',
        `${A}/conversations?status=all&assignee_type=all&updated_within=60&page=${page}`,
      );
      expect(recent.json.data.payload.map((c) => c.id)).toEqual([id]);
      const listed = recent.json.data.payload[0] as unknown as Attrs;
      expect(listed.custom_attributes).toMatchObject({ cxd_z: 'rec' });
    }
  });

  it('refuses a conversation the agent cannot see (401, like every conversation action)', async () => {
    const hidden = standin.state.conversations.find(
      (c) =>
        c.accountId === SEED.accountId &&
        !standin.state.inboxes.find((i) => i.id === c.inboxId)?.memberIds.includes(SEED.agent.id),
    );
    if (!hidden) return;
    const res = await call('POST', `${A}/conversations/${hidden.displayId}/custom_attributes`, {
      body: { custom_attributes: { x: '1' } },
    });
    expect(res.status).toBe(401);
  });
});

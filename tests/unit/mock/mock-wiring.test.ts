import Papa from 'papaparse';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Credentials } from '../../../lib/background/credentials';
import { tableKv } from '../../../lib/background/kv';
import { Outbox } from '../../../lib/outbox/engine';
import { decisionsToCsv } from '../../../lib/decisions/csv';
import { DecisionsDb, getDecision } from '../../../lib/decisions/db';
import { listOutbox } from '../../../lib/outbox/store';
import type { ActionInput } from '../../../lib/messages';
import { MockChatwoot } from '../../../lib/mock/mock-chatwoot';
import { SAMPLE_IDS } from '../../../lib/mock/scenario';
import {
  DEFAULT_SETTINGS,
  getSettings,
  settingsItem,
  type Settings,
} from '../../../lib/settings/settings';

// Mock mode through the REAL wiring: the outbox builds its API with apiFor() from the
// settings, exactly as in the service worker. The live client's fetch is a spy that fails:
// in mock mode it must never be called.

let dbCount = 0;
const { p2Refund: DANIEL, p1Shipping: OLIVIA } = SAMPLE_IDS;

function setup() {
  const db = new DecisionsDb(`mock-wiring-${dbCount++}`);
  const kv = tableKv(db.kv);
  const fetch = vi.fn<typeof globalThis.fetch>(async () => {
    throw new TypeError('Failed to fetch');
  });
  const credentials = new Credentials(kv);
  // random 0.99: the first retry is ~2 s away (waited for), the second ~4 s (left queued).
  const outbox = new Outbox({
    db,
    kv,
    credentials,
    fetch,
    random: () => 0.99,
    mockLatencyMs: () => 5,
    hasPermission: async () => true, // the user granted the live origin
  });
  const mock = new MockChatwoot({ kv, latencyMs: () => 0 });
  return { db, kv, fetch, credentials, outbox, mock };
}

async function settings(patch: Partial<Settings>) {
  await settingsItem.setValue({ ...(await getSettings()), ...patch });
}

/** The retry runs in the background: wait for the log to say it went through. */
async function settled(db: DecisionsDb, id: string) {
  await vi.waitFor(async () => expect((await getDecision(db, id))?.syncState).toBe('sent'), {
    timeout: 5_000,
  });
}

const approve = (conversationId: number, replyBody: string): ActionInput => ({
  action: 'chatwoot.approve_send',
  accountId: 1,
  conversationId,
  replyBody,
  suggestedTemplate: 'refund_offer',
  suggestedBody: replyBody,
  note: null,
  customerName: 'Daniel Okafor',
});

beforeEach(async () => {
  fakeBrowser.reset();
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: '', mockMode: true });
});

describe('mock mode behind the live interface', { timeout: 15_000 }, () => {
  it('approve, escalate and resolve reach the mock, are logged as mock, and the CSV says so', async () => {
    const { db, fetch, outbox, mock } = setup();
    const reply = "I'm sorry for the trouble, Daniel Okafor. I can refund this immediately.";
    const sent = await outbox.submit(approve(DANIEL, reply));
    expect(sent.ok && sent.value).toMatchObject({ syncState: 'sent', mock: true });
    const escalated = await outbox.submit({
      action: 'chatwoot.escalate',
      accountId: 1,
      conversationId: OLIVIA,
      reason: 'policy_exception',
      note: 'VIP',
      customerLastMessage: 'Any news?',
      slaSummary: 'P1',
    });
    expect(escalated.ok && escalated.value.syncState).toBe('sent');
    const resolved = await outbox.submit({
      action: 'chatwoot.mark_resolved',
      accountId: 1,
      conversationId: DANIEL,
      note: null,
    });
    expect(resolved.ok && resolved.value.syncState).toBe('sent');

    expect((await mock.messages(1, DANIEL)).map((m) => m.content)).toContain(reply);
    expect((await mock.conversation(1, DANIEL)).status).toBe('resolved');
    expect(await mock.labels(1, OLIVIA)).toEqual(['vip', 'escalation', 'escalation-l3']); // merged, not replaced
    const note = (await mock.messages(1, OLIVIA)).find((m) => m.private);
    expect(note?.content).toContain(`Ref: ${escalated.ok ? escalated.value.id : ''}`);
    expect(note?.content).toContain('Escalated to a manager by trainer@example.invalid.');

    const record = await getDecision(db, sent.ok ? sent.value.id : '');
    expect(record).toMatchObject({
      mock: true,
      chatwootOrigin: 'mock:',
      operatorEmail: 'trainer@example.invalid',
      syncState: 'sent',
    });
    const rows = Papa.parse<Record<string, string>>(
      decisionsToCsv([record!]).replace(/^\uFEFF/, ''),
      {
        header: true,
      },
    ).data;
    expect(rows[0]).toMatchObject({ mock: 'true', chatwoot_origin: 'mock:', sync_state: 'sent' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a refused send fails in words with Retry, and goes through once the failure is off', async () => {
    const { db, outbox, mock, fetch } = setup();
    await settings({ mockFailure: 'send_refused' });
    const result = await outbox.submit(approve(DANIEL, 'Refund offered.'));
    expect(result.ok && result.value.syncState).toBe('failed');
    expect(result.ok && result.value.error).toMatch(
      /^Chatwoot refused the request: Scripted failure/,
    );
    const [entry] = await outbox.list();
    expect(entry).toMatchObject({ syncState: 'failed', mock: true });
    await settings({ mockFailure: 'none' });
    expect(await outbox.retry(entry!.id)).toBe(true);
    await settled(db, entry!.id);
    expect((await mock.messages(1, DANIEL)).map((m) => m.content)).toContain('Refund offered.');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a network error leaves the action queued with the error, retried as live', async () => {
    const { outbox, mock, db } = setup();
    await settings({ mockFailure: 'send_offline' });
    const result = await outbox.submit(approve(DANIEL, 'Queued reply.'));
    expect(result.ok && result.value).toMatchObject({ syncState: 'pending', attempts: 2 });
    expect(result.ok && result.value.error).toBe(
      'Could not reach Chatwoot. Check the network or the Chatwoot URL.',
    );
    expect((await listOutbox(db))[0]?.state).toBe('queued');
    await settings({ mockFailure: 'none' });
    await outbox.retry(result.ok ? result.value.id : '');
    await settled(db, result.ok ? result.value.id : '');
    const copies = (await mock.messages(1, DANIEL)).filter((m) => m.content === 'Queued reply.');
    expect(copies).toHaveLength(1);
  });

  it('a mock decision still queued when mock mode is turned off never reaches Chatwoot', async () => {
    const { db, outbox, mock, fetch } = setup();
    await settings({ mockFailure: 'send_offline' });
    const result = await outbox.submit(approve(DANIEL, 'Stays in the demo.'));
    expect(result.ok && result.value.syncState).toBe('pending');
    await settings({
      mockMode: false,
      mockFailure: 'none',
      chatwootUrl: 'https://chat.example.org',
    });
    await outbox.retry(result.ok ? result.value.id : '');
    await settled(db, result.ok ? result.value.id : '');
    expect(fetch).not.toHaveBeenCalled();
    expect((await mock.messages(1, DANIEL)).map((m) => m.content)).toContain('Stays in the demo.');
  });

  it('a live decision still queued when mock mode is turned on is never "sent" to the mock', async () => {
    const { outbox, mock, fetch, credentials } = setup();
    await settings({ mockMode: false, authMode: 'token', chatwootUrl: 'https://chat.example.org' });
    await credentials.setToken('https://chat.example.org', 'live-token');
    const result = await outbox.submit(approve(DANIEL, 'A real reply.'));
    expect(result.ok && result.value).toMatchObject({ syncState: 'pending', mock: false });
    const calls = fetch.mock.calls.length;
    expect(calls).toBeGreaterThan(0);
    await settings({ mockMode: true });
    await outbox.retry(result.ok ? result.value.id : '');
    await vi.waitFor(() => expect(fetch.mock.calls.length).toBeGreaterThan(calls), {
      timeout: 5_000,
    });
    expect(String(fetch.mock.calls.at(-1)?.[0])).toMatch(/^https:\/\/chat\.example\.org\/api\//);
    expect((await mock.messages(1, DANIEL)).map((m) => m.content)).not.toContain('A real reply.');
    expect((await outbox.list())[0]?.syncState).toBe('pending');
  });
});

import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Download, Page } from '@playwright/test';
import { CSV_COLUMNS } from '../../../lib/decisions/csv';
import { expect, openRealSidePanel, test } from '../fixtures';
import { conversationState } from '../standin-state';
import { SEED } from '../../standin/seed';

// The leads' decision log in the REAL side panel: decisions made through the panel against
// the stand-in show up, filter, export to a CSV a standard parser reads back, and purge.

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

const NOTE = '=HYPERLINK("http://evil.test") — client "VIP", très pressé';
const SEEDED = 120;

/** Older decisions written straight into the panel's IndexedDB (the background's schema). */
async function seedOldDecisions(page: Page, n: number): Promise<void> {
  await page.evaluate(async (count) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('cx-escalations');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    // Around Dexie, into the table and its packs (docs/DECISION-LOG.md, "Packs"): 'seed-' ids
    // sort after every UUID, so they join the last pack.
    const tx = db.transaction(['decisions', 'decisionPacks'], 'readwrite');
    const store = tx.objectStore('decisions');
    const seeded: { id: string }[] = [];
    const actions = ['chatwoot.approve_send', 'chatwoot.escalate', 'chatwoot.mark_resolved'];
    const day = 86_400_000;
    for (let i = 0; i < count; i++) {
      const at = new Date(Date.now() - 2 * day - i * 3_600_000);
      const row = {
        id: `seed-${String(i).padStart(4, '0')}`,
        action: actions[i % 3],
        scope: 'ops',
        accountId: 1,
        conversationId: 500 + i,
        chatwootOrigin: 'http://127.0.0.1',
        operatorEmail: 'lee@acme.test',
        replyBody: i % 3 === 0 ? `Old reply ${i}` : null,
        suggestedTemplate: i % 3 === 0 ? 'ack_delay' : null,
        suggestedBody: i % 3 === 0 ? `Old reply ${i}` : null,
        edited: false,
        note: null,
        escalationReason: i % 3 === 1 ? 'other' : null,
        createdAt: at,
        updatedAt: at,
        syncState: 'sent',
        error: null,
        attempts: 1,
        mock: false,
      };
      store.put(row);
      seeded.push(row);
    }
    const packs = tx.objectStore('decisionPacks');
    packs.openCursor(null, 'prev').onsuccess = (e) => {
      const last = (e.target as IDBRequest<IDBCursorWithValue | null>).result?.value as
        { lower: string; rows: { id: string }[] } | undefined;
      const rows = [...(last?.rows ?? []), ...seeded].sort((a, b) => (a.id < b.id ? -1 : 1));
      packs.put({ lower: last?.lower ?? '', rows });
    };
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, n);
}

/** The browser's local calendar day, offset by `days` (what an <input type=date> holds). */
function localDay(page: Page, days = 0): Promise<string> {
  return page.evaluate((d) => {
    const x = new Date();
    x.setDate(x.getDate() + d);
    const pad = (v: number) => String(v).padStart(2, '0');
    return `${x.getFullYear()}-${pad(x.getMonth() + 1)}-${pad(x.getDate())}`;
  }, days);
}

async function readCsv(download: Download, delimiter = ','): Promise<{ raw: Buffer; rows: Row[] }> {
  const raw = await readFile((await download.path())!);
  const parsed = Papa.parse<Row>(raw.toString('utf8'), { header: true, delimiter });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
  return { raw, rows: parsed.data };
}

test('decision log: real decisions, filters, paging, CSV export and purge', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  const conversationUrl = (id: number) => `${standin.url}/app/accounts/1/conversations/${id}`;
  const { panel, tab, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    conversationUrl(SEED.conversations.p1Tracking),
  );
  const page = panel.page;
  try {
    // Two real decisions through the panel.
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');
    await page.getByLabel('Operator note').fill(NOTE);
    await panel.approve();
    await expect(page.getByText('Reply sent to James Carter.')).toBeVisible();
    // What Chatwoot received is what the log must say was sent.
    const replyBody = conversationState(standin, SEED.conversations.p1Tracking).replies.at(-1);
    expect(replyBody).toContain('James Carter');

    await tab.goto(conversationUrl(SEED.conversations.p2Refund));
    await expect(panel.heading()).toHaveText('CX Escalation — Priya Shah');
    await panel.escalate('Refund over $500', 'Wants 900 € back');
    await expect(page.getByText('Escalated to a manager.')).toBeVisible();

    // The log: newest first, counts per action, a link back to the conversation.
    await page.getByRole('button', { name: 'Decision log' }).click();
    await expect(page.getByRole('button', { name: 'Decision log' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const table = page.getByRole('table', { name: 'Decisions, newest first' });
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(3); // header + 2
    await expect(rows.nth(1)).toContainText('Escalation · Refund over $500');
    await expect(rows.nth(1)).toContainText(`#${SEED.conversations.p2Refund}`);
    await expect(rows.nth(1)).toContainText('dana@acme.test');
    await expect(rows.nth(1)).toContainText('Sent');
    await expect(rows.nth(2)).toContainText('Reply');
    await expect(rows.nth(2)).toContainText(`Note: ${NOTE}`);
    const counts = page.getByRole('region', { name: 'Decisions per action' });
    await expect(counts).toContainText('Reply: 1');
    await expect(counts).toContainText('Escalation: 1');
    await expect(counts).toContainText('Resolution: 0');
    await expect(counts).toContainText('Total: 2');
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

    // Filters: action, free text in notes and replies, conversation, sync state.
    const filters = page.getByRole('search', { name: 'Filters' });
    await filters.getByLabel('Action').selectOption({ label: 'Escalation' });
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('Refund over $500');
    await expect(counts).toContainText('Total: 1');
    await expect(counts).toContainText('Reply: 1'); // the other actions' counts stay visible
    await filters.getByLabel('Action').selectOption({ label: 'All actions' });
    await filters.getByLabel('Search notes and replies').fill('très PRESSÉ');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(`#${SEED.conversations.p1Tracking}`);
    await filters.getByLabel('Search notes and replies').fill('');
    await filters.getByLabel('Conversation').fill(`#${SEED.conversations.p2Refund}`);
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('Escalation');
    await filters.getByLabel('Conversation').fill('');
    await filters.getByLabel('Sync state').selectOption({ label: 'Failed' });
    await expect(page.getByText('No decisions match these filters.')).toBeVisible();
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await expect(rows).toHaveCount(3);

    // The row's conversation link navigates the Chatwoot tab and shows triage.
    await rows
      .nth(2)
      .getByRole('button', { name: `#${SEED.conversations.p1Tracking}` })
      .click();
    await expect(tab).toHaveURL(conversationUrl(SEED.conversations.p1Tracking));
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');

    // 120 older decisions by another operator: three pages of 50, keyset-paged.
    await seedOldDecisions(page, SEEDED);
    await page.getByRole('button', { name: 'Decision log' }).click();
    await expect(counts).toContainText(`Total: ${SEEDED + 2}`);
    await expect(rows).toHaveCount(51);
    const paging = page.getByRole('navigation', { name: 'Pages' });
    await expect(paging.getByRole('button', { name: 'Newer' })).toBeDisabled();
    await paging.getByRole('button', { name: 'Older' }).click();
    await expect(paging).toContainText('Page 2');
    await expect(rows).toHaveCount(51);
    await expect(rows.nth(1)).toContainText('#548'); // seed-0048: the 51st newest overall
    await paging.getByRole('button', { name: 'Older' }).click();
    await expect(rows).toHaveCount(1 + SEEDED + 2 - 100);
    await expect(paging.getByRole('button', { name: 'Older' })).toBeDisabled();
    await paging.getByRole('button', { name: 'Newer' }).click();
    await expect(paging).toContainText('Page 2');
    await filters.getByLabel('Operator').selectOption('dana@acme.test');
    await expect(rows).toHaveCount(3);
    await expect(paging).toContainText('Page 1'); // a new filter starts from the newest

    // Export what the filters select: today's escalations.
    const today = await localDay(page);
    await filters.getByLabel('From', { exact: true }).fill(today);
    await filters.getByLabel('To', { exact: true }).fill(today);
    await filters.getByLabel('Action').selectOption({ label: 'Escalation' });
    await expect(rows).toHaveCount(2);
    let downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    let download = await downloading;
    expect(download.suggestedFilename()).toBe(`cx-decisions_${today}_to_${today}.csv`);
    let csv = await readCsv(download);
    expect([...csv.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.rows).toHaveLength(1);
    expect(csv.rows[0]).toMatchObject({
      action: 'chatwoot.escalate',
      escalation_reason: 'refund_over_500',
      conversation_id: String(SEED.conversations.p2Refund),
      account_id: '1',
      operator_email: 'dana@acme.test',
      chatwoot_origin: standin.url,
      sync_state: 'sent',
      mock: 'false',
      note: 'Wants 900 € back',
      reply_body: '',
    });
    await expect(page.getByRole('status').filter({ hasText: 'Exported 1 decisions' })).toHaveText(
      `Exported 1 decisions to cx-decisions_${today}_to_${today}.csv.`,
    );

    // Everything: the hostile note is neutralised, timestamps are ISO UTC + local.
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await expect(counts).toContainText(`Total: ${SEEDED + 2}`);
    downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    download = await downloading;
    expect(download.suggestedFilename()).toBe(`cx-decisions_all_to_${today}.csv`);
    csv = await readCsv(download);
    expect(csv.rows).toHaveLength(SEEDED + 2);
    expect(csv.rows.slice(0, SEEDED).every((r) => r.operator_email === 'lee@acme.test')).toBe(true); // oldest first
    const reply = csv.rows[SEEDED]!;
    expect(reply).toMatchObject({
      action: 'chatwoot.approve_send',
      conversation_id: String(SEED.conversations.p1Tracking),
      note: `'${NOTE}`,
      reply_body: replyBody,
      suggested_body: replyBody,
      edited: 'false',
      sync_state: 'sent',
    });
    expect(reply.created_at_utc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(reply.created_at_local).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(reply.time_zone).not.toBe('');

    // The same rows for French-locale Excel: ";" between cells (the English panel's default is ",").
    const format = page.getByLabel('File format');
    await expect(format).toHaveValue(',');
    await format.selectOption({ label: 'Excel (semicolon)' });
    downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const excel = await readCsv(await downloading, ';');
    expect(excel.raw.toString('utf8').split('\r\n')[0]).toBe(`\uFEFF${CSV_COLUMNS.join(';')}`);
    expect(excel.rows).toEqual(csv.rows);

    // Purge: confirmed, exported first, then the log is empty.
    const retention = page.getByRole('region', { name: 'Retention' });
    await retention.getByLabel('Delete decisions before').fill(await localDay(page, 1));
    await retention.getByRole('button', { name: 'Delete older…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`${SEEDED + 2} decisions will first be exported`);
    const confirm = dialog.getByRole('button', { name: 'Export and delete' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('I understand these decisions will be deleted').check();
    downloading = page.waitForEvent('download');
    await confirm.click();
    download = await downloading;
    csv = await readCsv(download);
    expect(csv.rows).toHaveLength(SEEDED + 2);
    await expect(dialog).toBeHidden();
    await expect(retention.getByRole('status')).toContainText(
      `${SEEDED + 2} decisions deleted, after export to ${download.suggestedFilename()}.`,
    );
    await expect(page.getByText('No decisions logged yet.')).toBeVisible();
    await expect(counts).toContainText('Total: 0');
  } finally {
    await close();
  }
});

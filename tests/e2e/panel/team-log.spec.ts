import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { CSV_COLUMNS } from '../../../lib/decisions/csv';
import {
  closeOnboardingTab,
  expect,
  extensionIdOf,
  freePort,
  launchWithExtension,
  OptionsPage,
  openRealSidePanel,
  test,
} from '../fixtures';
import { SEED } from '../../standin/seed';

// The team log (docs/DECISION-LOG.md): an agent's browser decides; a lead's browser, which
// decided nothing, syncs the team's records from the same Chatwoot and exports them.

type Row = Record<(typeof CSV_COLUMNS)[number], string>;
const C = SEED.conversations;

test('two browser profiles: the lead syncs and exports the agent’s decisions', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  test.setTimeout(90_000);
  const url = (id: number) => `${standin.url}/app/accounts/1/conversations/${id}`;

  // The agent (Dana, session sign-in): approve with an edit, escalate, resolve.
  const { panel, tab, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    url(C.p1Tracking),
  );
  try {
    const page = panel.page;
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');
    await panel.button('Edit Reply').click();
    await page
      .getByLabel('Reply text')
      .fill('Hi James, your parcel is on its way (checked today).');
    await panel.approve();
    await expect(page.getByText('Reply sent to James Carter.')).toBeVisible();
    await tab.goto(url(C.p2Refund));
    await expect(panel.heading()).toHaveText('CX Escalation — Priya Shah');
    await panel.escalate('Refund over $500', 'Wants 900 € back');
    await expect(page.getByText('Escalated to a manager.')).toBeVisible();
    await tab.goto(url(C.noneFresh));
    await panel.resolve();
    await expect(page.getByText('Conversation marked resolved.')).toBeVisible();
  } finally {
    await close();
  }
  const records = standin.state.conversations
    .filter((c) => c.accountId === 1)
    .flatMap((c) => Object.keys(c.customAttributes).filter((k) => k.startsWith('cxd_')));
  expect(records).toHaveLength(3);

  // The lead (Sam, administrator, token sign-in) in another browser profile.
  const leadPort = await freePort();
  const lead = await launchWithExtension(leadPort);
  try {
    await closeOnboardingTab(lead);
    const leadId = await extensionIdOf(lead);
    const options = new OptionsPage(await lead.newPage(), leadId);
    await options.open();
    await options.signInWithToken(standin.url, SEED.adminToken);
    await expect(options.signedIn()).toBeVisible();

    const log = options.page;
    await log.goto(`chrome-extension://${leadId}/log.html`);
    const table = log.getByRole('table', { name: 'Decisions, newest first' });
    await expect(
      log.getByText('No decisions yet.').or(log.getByText(/no decisions/i)),
    ).toBeVisible();
    await log.getByLabel('Team', { exact: true }).check();
    await log.getByRole('button', { name: 'Sync team log' }).click();
    await expect(log.getByText(/Last synced/)).toBeVisible({ timeout: 20_000 });
    await expect(log.getByText('3 decisions in', { exact: false })).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(4);
    await expect(table).toContainText('dana@acme.test');

    // A second sync adds nothing: each decision is one row.
    await log.getByRole('button', { name: 'Sync team log' }).click();
    await expect(log.getByText(/3 decisions in .*, 0 new\./)).toBeVisible({ timeout: 20_000 });
    await expect(table.getByRole('row')).toHaveCount(4);

    // "This browser" holds nothing: the lead decided nothing.
    await log.getByLabel('This browser', { exact: true }).check();
    await expect(table).toBeHidden();
    await log.getByLabel('Team', { exact: true }).check();

    // Suggestion quality per agent: the edited approval counts as accepted.
    await log.getByText('Suggestion quality').click();
    await log.getByLabel('agent', { exact: true }).check();
    const quality = log.getByRole('table', { name: 'Suggestions shown and what became of them' });
    const dana = quality.getByRole('row', { name: /dana@acme\.test/ });
    await expect(dana).toBeVisible();
    await expect(dana.getByRole('cell').nth(2)).toHaveText('1'); // sent edited
    await expect(dana.getByRole('cell').last()).toHaveText(/^(50|100)\s?%$/);
    expect((await new AxeBuilder({ page: log }).analyze()).violations).toEqual([]);

    const downloading = log.waitForEvent('download');
    await log.getByRole('button', { name: 'Export CSV' }).click();
    const raw = await readFile((await (await downloading).path())!);
    const parsed = Papa.parse<Row>(raw.toString('utf8'), { header: true });
    expect(parsed.errors).toEqual([]);
    const rows = parsed.data;
    expect(rows).toHaveLength(3);
    const by = (action: string) => rows.find((r) => r.action === action)!;
    const agentProfile = by('chatwoot.approve_send').browser_profile_id;
    expect(agentProfile).toMatch(/^[0-9a-f-]{36}$/);
    for (const r of rows) {
      expect(r).toMatchObject({
        operator_email: 'dana@acme.test',
        operator_id: String(SEED.agent.id),
        browser_profile_id: agentProfile,
        record_source: 'team',
        sync_state: 'sent',
        chatwoot_origin: standin.url,
        account_id: '1',
      });
    }
    expect(by('chatwoot.approve_send')).toMatchObject({
      conversation_id: String(C.p1Tracking),
      suggested_template: expect.stringMatching(/\S/),
      reply_source: 'template',
    });
    expect(by('chatwoot.approve_send')).toMatchObject({
      edited: 'true',
      reply_body: 'Hi James, your parcel is on its way (checked today).',
    });
    expect(by('chatwoot.escalate')).toMatchObject({
      conversation_id: String(C.p2Refund),
      escalation_reason: 'refund_over_500',
      note: 'Wants 900 € back',
    });
    expect(by('chatwoot.mark_resolved').conversation_id).toBe(String(C.noneFresh));
  } finally {
    await lead.close();
  }
});

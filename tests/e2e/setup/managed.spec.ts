import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  closeOnboardingTab,
  EXTENSION_PATH,
  expect,
  launchWithExtension,
  openRealSidePanel,
  test as base,
} from '../fixtures';
import { SEED } from '../../standin/seed';

// Team deployment (issue 7) through a REAL Chrome policy: Chromium on Linux reads
// /etc/chromium/policies/managed/*.json, and "3rdparty.extensions.<id>" becomes that
// extension's chrome.storage.managed (validated against its managed_schema.json). The policy
// names one extension id only, and the build is copied to a fresh folder so that id (derived
// from the path) is this test's alone: browsers of other tests, even of this same build, are
// not affected. Needs write access to that folder (root, as in CI); skipped otherwise.

const POLICY_DIR = '/etc/chromium/policies/managed';
const C = SEED.conversations;

/** Chrome's id for an unpacked extension: SHA-256 of its path, hex digits as the letters a–p. */
function unpackedId(dir: string): string {
  const hex = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');
}

function canWritePolicy(): boolean {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    const probe = path.join(POLICY_DIR, `.cx-escalations-probe-${process.pid}`);
    writeFileSync(probe, '{}');
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

const test = base.extend<{ policy: Record<string, unknown> }>({
  policy: [{}, { option: true }],
  context: async ({ cdpPort, standin, policy }, use) => {
    standin.reset();
    const copy = mkdtempSync(path.join(tmpdir(), 'cx-managed-'));
    cpSync(EXTENSION_PATH, copy, { recursive: true });
    const id = unpackedId(copy);
    const file = path.join(POLICY_DIR, `cx-escalations-e2e-${id}.json`);
    const values = { chatwootUrl: standin.url, ...policy };
    writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [id]: values } } }));
    try {
      const context = await launchWithExtension(cdpPort, [], copy);
      try {
        await closeOnboardingTab(context);
        await use(context);
      } finally {
        await context.close();
      }
    } finally {
      rmSync(file, { force: true });
      rmSync(copy, { recursive: true, force: true });
    }
  },
});

test.skip(!canWritePolicy(), `needs write access to ${POLICY_DIR} (run as root)`);

test.describe('an administrator’s policy', () => {
  test.use({
    policy: {
      slaMinutes: 60,
      mockModeAllowed: false,
      approvalsEnabled: false,
      aiDraftEnabled: false,
    },
  });

  test('locks the options it sets, removes mock mode and Approve, and the panel obeys', async ({
    context,
    extensionId,
    cdpPort,
    standin,
    options,
    chatwoot,
  }) => {
    test.setTimeout(60_000);
    await chatwoot.openInbox();
    const page = options.page;
    await options.open();
    // Chrome answers managed storage only seconds after it starts (lib/settings/settings.ts).
    await expect(page.getByText(/Your organisation manages some of these settings/)).toBeVisible({
      timeout: 15_000,
    });
    const url = page.getByLabel('Chatwoot URL');
    await expect(url).toBeDisabled();
    await expect(url).toHaveValue(standin.url);
    await expect(url).toHaveAccessibleDescription(/Set by your administrator/);
    const sla = page.getByLabel('SLA minutes');
    await expect(sla).toBeDisabled();
    await expect(sla).toHaveValue('60');
    await expect(sla).toHaveAccessibleDescription(/Set by your administrator/);
    await expect(page.getByRole('switch', { name: 'Mock mode' })).toHaveCount(0);
    await expect(
      page.getByText('Mock mode is not available: your administrator turned it off.'),
    ).toBeVisible();
    await expect(
      page.getByText('Approve & Send Reply is turned off by your administrator.'),
    ).toBeVisible();
    await expect(
      page.getByText('Chatwoot AI drafts are turned off by your administrator.'),
    ).toBeVisible();
    // Language and sign-in stay the user's; saving signs in to the administrator's Chatwoot.
    await expect(page.getByLabel('Language')).toBeEnabled();
    await page.getByRole('button', { name: 'Save and check sign-in' }).click();
    await expect(options.signedIn()).toContainText('Dana Agent');

    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      `${standin.url}/app/accounts/1/conversations/${C.p2Unnamed}`,
    );
    const p = panel.page;
    try {
      // 45 minutes old: breached under the default 30-minute SLA, due in 15 under the policy's 60.
      await expect(panel.heading()).toHaveText('CX Escalation — Customer');
      await expect(panel.priority()).toContainText('No priority');
      await expect(p.getByText(/^SLA: Due in 1[45] min$/)).toBeVisible();
      // A suggestion exists, but no Approve: not as a button, not by shortcut.
      await expect(panel.suggestedReply()).toBeVisible();
      await expect(panel.button('Approve & Send Reply')).toHaveCount(0);
      await expect(
        p.getByText(/Sending replies from the panel is turned off by your administrator/),
      ).toBeVisible();
      await p.getByLabel('Operator note').focus();
      await p.keyboard.press('Alt+A');
      await expect(p.getByRole('dialog')).toHaveCount(0);
      await expect(p.getByRole('switch', { name: 'Mock mode' })).toHaveCount(0);
      // No AI draft: no card, no button, and nothing asked of Chatwoot about AI.
      await expect(p.getByRole('region', { name: 'AI draft (Chatwoot)' })).toHaveCount(0);
      await expect(p.getByRole('button', { name: 'Draft with Chatwoot AI' })).toHaveCount(0);
      expect(standin.requests.list().filter((r) => r.path.includes('/integrations/'))).toEqual([]);
      // Escalating is still everyone's job.
      await panel.escalate('Policy exception');
      await expect(p.getByText('Escalated to a manager.')).toBeVisible();
    } finally {
      await close();
    }
  });
});

test.describe('a policy allowing approvals', () => {
  test.use({ policy: { approvalsEnabled: true, mockModeAllowed: true, aiDraftEnabled: true } });

  test('keeps Approve, the AI draft and mock mode; only the URL is locked', async ({
    context,
    extensionId,
    cdpPort,
    standin,
    options,
    chatwoot,
  }) => {
    await chatwoot.openInbox();
    await options.open();
    const page = options.page;
    await expect(page.getByLabel('Chatwoot URL')).toBeDisabled({ timeout: 15_000 });
    await expect(page.getByLabel('SLA minutes')).toBeEnabled();
    await expect(page.getByRole('switch', { name: 'Mock mode' })).toBeVisible();
    await page.getByRole('button', { name: 'Save and check sign-in' }).click();
    await expect(options.signedIn()).toContainText('Dana Agent');
    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      `${standin.url}/app/accounts/1/conversations/${C.p1Tracking}`,
    );
    try {
      await expect(panel.button('Approve & Send Reply')).toBeVisible();
      await expect(panel.button('Draft with Chatwoot AI')).toBeVisible();
    } finally {
      await close();
    }
  });
});

test.describe('a policy locking the reply templates (issue 10)', () => {
  const storeHours = {
    id: 'custom:store-hours',
    label: 'Store hours',
    body: 'Hi {{name}}, our Paris store opens 10:00 to 19:00. {{agent}}',
    language: 'en',
    cues: ['opening hours'],
  };
  // An unknown variable: left out, and named on every agent's options page.
  const hours = {
    ...storeHours,
    id: 'custom:hours',
    label: 'Hours',
    body: 'We open at {{hours}}.',
    cues: ['hours'],
  };
  test.use({
    policy: { templates: { version: 1, frenchTemplates: false, templates: [storeHours, hours] } },
  });

  test('the options page shows it read-only with why; the panel suggests from it; import and export leave it alone', async ({
    context,
    extensionId,
    cdpPort,
    standin,
    options,
    chatwoot,
  }, testInfo) => {
    test.setTimeout(60_000);
    await chatwoot.openInbox();
    const page = options.page;
    await options.open();
    const lib = page.getByRole('region', { name: 'Reply templates' });
    await expect(
      lib.getByText('Set by your administrator: these templates cannot be changed here.'),
    ).toBeVisible({ timeout: 15_000 });
    await expect(lib.getByRole('listitem').filter({ hasText: 'Template 2 “Hours”' })).toHaveText(
      'Template 2 “Hours”: Unknown variable {{hours}}: only {{name}}, {{agent}} can be filled in.',
    );
    await expect(lib.getByRole('heading', { name: 'Store hours', exact: true })).toBeVisible();
    await expect(lib.getByRole('heading', { name: 'Hours', exact: true })).toHaveCount(0);
    for (const name of ['Add a template', 'Import from Chatwoot', 'Reset to defaults']) {
      await expect(lib.getByRole('button', { name })).toBeDisabled();
    }
    for (const button of await lib.getByRole('button', { name: /^(Edit|Delete)$/ }).all()) {
      await expect(button).toBeDisabled();
    }
    await expect(lib.getByLabel('Use the French versions for French conversations')).toBeDisabled();
    // Locked by the policy, not by the role: no question to Chatwoot about it.
    await page.getByRole('button', { name: 'Save and check sign-in' }).click();
    await expect(options.signedIn()).toContainText('Dana Agent');
    await expect(lib.getByText(/You are an agent there/)).toHaveCount(0);

    // A settings file with other templates: the rest of it applies, the templates do not.
    const file = testInfo.outputPath('team.json');
    writeFileSync(
      file,
      JSON.stringify({
        kind: 'cx-escalations-settings',
        version: 1,
        settings: { slaMinutes: 25 },
        templates: {
          version: 1,
          frenchTemplates: true,
          templates: [
            { ...storeHours, id: 'custom:gift', label: 'Gift card', cues: ['gift card'] },
          ],
        },
      }),
    );
    await page.getByLabel('Settings file (JSON)').setInputFiles(file);
    await page.getByRole('button', { name: 'Import settings' }).click();
    await expect(
      page.getByText(
        'Settings imported from team.json. Save to check the sign-in. The reply templates were not imported: your administrator manages them.',
      ),
    ).toBeVisible();
    await expect(page.getByLabel('SLA minutes')).toHaveValue('25');
    await expect(lib.getByRole('heading', { name: 'Gift card', exact: true })).toHaveCount(0);
    await expect(
      lib.getByLabel('Use the French versions for French conversations'),
    ).not.toBeChecked();

    // Export: the policy's templates are the policy's, not the file's.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export settings' }).click();
    const exported = JSON.parse(readFileSync((await (await downloading).path())!, 'utf8'));
    expect(exported).not.toHaveProperty('templates');
    await expect(
      page.getByText(/The reply templates are not in it: your administrator manages them\./),
    ).toBeVisible();

    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      `${standin.url}/app/accounts/1/conversations/${C.noneFresh}`,
    );
    try {
      await expect(panel.suggestedReply()).toContainText(
        'Hi Ahmed Khan, our Paris store opens 10:00 to 19:00. Dana Agent',
      );
      await expect(panel.suggestedReply()).toContainText(
        'Chosen because: Team cue "opening hours" in the customer\'s latest message (template "Store hours")',
      );
    } finally {
      await close();
    }
  });
});

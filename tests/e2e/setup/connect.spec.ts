import { expect, openRealSidePanel, test } from '../fixtures';
import { SEED } from '../../standin/seed';

// One-click connect (issue 20): an extension that was never set up, opened beside a Chatwoot
// dashboard, connects to that dashboard's origin with the agent's session. Nothing is typed:
// this spec never fills a field.

test('an unconfigured panel beside a Chatwoot tab connects in one click, no typing', async ({
  context,
  extensionId,
  cdpPort,
  standin,
}) => {
  const conversation = `${standin.url}/app/accounts/${SEED.accountId}/conversations/${SEED.conversations.p1Tracking}`;
  const { panel, tab, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    conversation,
  );
  try {
    const origin = new URL(standin.url).origin;
    await expect(panel.heading()).toHaveText('Connect to Chatwoot');
    const connect = panel.page.getByRole('button', { name: `Connect to ${origin}` });
    await expect(connect).toBeVisible();
    await connect.click();

    // Who is signed in, then the conversation of the tab beside it.
    await expect(panel.page.getByRole('status').filter({ hasText: 'Signed in as' })).toContainText(
      'account “Acme Support”',
    );
    await expect(panel.heading()).toContainText('CX Escalation — ');
    await expect(panel.suggestedReply()).toBeVisible();
    const settings = await panel.page.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
      };
      return (await chrome.storage.local.get('settings')).settings as Record<string, unknown>;
    });
    expect(settings).toMatchObject({ chatwootUrl: origin, authMode: 'session' });

    // The dashboard tab keeps being followed: another conversation, another heading.
    await tab.goto(
      `${standin.url}/app/accounts/${SEED.accountId}/conversations/${SEED.conversations.p2Refund}`,
    );
    await expect(panel.heading()).toHaveText('CX Escalation — Priya Shah');
  } finally {
    await close();
  }
});

test('a tab that is not a Chatwoot dashboard offers no connect button', async ({
  context,
  extensionId,
  cdpPort,
  standin,
}) => {
  // The stand-in's sign-in page: Chatwoot, but no account route yet.
  const { panel, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    `${standin.url}/app/login`,
  );
  try {
    await expect(panel.heading()).toHaveText('Connect to Chatwoot');
    await expect(panel.page.getByText(/click the CX Escalations button/)).toBeVisible();
    await expect(panel.page.getByRole('button', { name: /^Connect to http/ })).toHaveCount(0);
  } finally {
    await close();
  }
});

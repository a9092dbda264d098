import type { Browser } from 'wxt/browser';
import { expect, openRealSidePanel, test } from '../fixtures';
import { SEED } from '../../standin/seed';

// Alerts that reach a lead (docs/ALERTS.md): a desktop notification raised by the worker when a
// conversation becomes P1, and the Slack webhook receiving an escalation through its queue.
// The policy's webhook is written into the background's copy of the policy
// (`local:managedSettings`, lib/settings/settings.ts), as refreshManagedSettings would; the real
// Chrome policy path is managed.spec.ts's.

const C = SEED.conversations;
const urlOf = (base: string, id: number) => `${base}/app/accounts/1/conversations/${id}`;

test('a new P1 raises one desktop notification; an escalation reaches the Slack webhook', async ({
  signedIn: _signedIn,
  context,
  extensionId,
  cdpPort,
  standin,
}) => {
  const hook = `${standin.url}/hooks/services/T1/B1/secret`;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  // Alerts on for this agent (the default is on for administrators only), no SLA yet breached.
  await page.evaluate(async (hook) => {
    const { chrome } = globalThis as unknown as { chrome: typeof Browser };
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({
      settings: { ...(settings as object), alerts: 'on', slaMinutes: 1440 },
      managedSettings: { slackWebhookUrl: hook },
    });
  }, hook);
  await expect(page.getByText('Your administrator sends escalations')).toContainText(
    `${standin.url}/hooks/services/…)`,
  );
  await expect(page.getByText('secret')).toHaveCount(0); // never shown in full

  const notifications = () =>
    page.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: typeof Browser };
      return Object.keys(await chrome.notifications.getAll());
    });

  const { panel, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    urlOf(standin.url, C.p1Tracking),
  );
  try {
    await expect(panel.page.getByText('Live', { exact: true })).toBeVisible();
    // The first look only records; then the SLA shortens and conversations become P1.
    await page.waitForTimeout(1500);
    expect(await notifications()).toEqual([]);
    await page.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: typeof Browser };
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings as object), slaMinutes: 30 } });
    });
    await expect.poll(notifications, { timeout: 15_000 }).toContain(`alert|1|${C.p1Tracking}|p1`);
    const raised = await notifications();
    expect(raised.every((id) => /^alert\|1\|\d+\|p1$/.test(id))).toBe(true);
    expect(new Set(raised).size).toBe(raised.length);

    // Escalate: the worker posts it to the webhook once.
    await expect(panel.priority()).toContainText('P1');
    await panel.escalate('Refund over $500', 'Customer wants $800 back');
    await expect(panel.page.getByText('Escalated to a manager.')).toBeVisible();
    const received = async () =>
      (await (await fetch(`${standin.url}/__standin/webhooks`)).json()) as {
        path: string;
        body: { text: string };
      }[];
    await expect.poll(async () => (await received()).length, { timeout: 15_000 }).toBe(1);
    const [post] = await received();
    expect(post!.path).toBe('/hooks/services/T1/B1/secret');
    expect(post!.body.text).toContain(
      `Escalated: conversation #${C.p1Tracking} (Refund over $500)`,
    );
    expect(post!.body.text).toContain(urlOf(standin.url, C.p1Tracking));
    // Nothing more is raised for what was already raised.
    await page.waitForTimeout(1000);
    expect((await notifications()).filter((id) => id.endsWith(`|${C.p1Tracking}|p1`))).toHaveLength(
      1,
    );
  } finally {
    await close();
  }
});

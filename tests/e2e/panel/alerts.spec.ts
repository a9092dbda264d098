import type { Browser } from 'wxt/browser';
import { expect, openRealSidePanel, test } from '../fixtures';
import { SEED } from '../../standin/seed';

// Alerts that reach a lead (docs/ALERTS.md): a desktop notification raised by the worker when a
// conversation becomes P1, once.
// The Slack delivery is tested against the stand-in's webhook receiver over HTTP
// (tests/unit/outbox/webhook.test.ts): written into the background's copy of the policy here,
// the webhook was wiped by the worker's own policy refresh in half the runs.

const C = SEED.conversations;
const urlOf = (base: string, id: number) => `${base}/app/accounts/1/conversations/${id}`;

test('a new P1 raises one desktop notification, once', async ({
  signedIn: _signedIn,
  context,
  extensionId,
  cdpPort,
  standin,
}) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  // Alerts on for this agent (the default is on for administrators only), no SLA yet breached.
  await page.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: typeof Browser };
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({
      settings: { ...(settings as object), alerts: 'on', slaMinutes: 1440 },
    });
  });
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

    // Nothing more is raised for what was already raised.
    await page.waitForTimeout(1000);
    expect((await notifications()).filter((id) => id.endsWith(`|${C.p1Tracking}|p1`))).toHaveLength(
      1,
    );
  } finally {
    await close();
  }
});

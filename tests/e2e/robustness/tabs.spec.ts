import { expect, openRealSidePanel, test } from '../fixtures';
import { SEED } from '../../standin/seed';

const C = SEED.conversations;

test('the panel follows the active tab across several Chatwoot tabs', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  const url = (id: number) => `${standin.url}/app/accounts/1/conversations/${id}`;
  const {
    panel,
    tab: first,
    close,
  } = await openRealSidePanel(context, extensionId, cdpPort, url(C.p1Tracking));
  try {
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');
    const second = await context.newPage();
    await second.goto(url(C.p2Refund));
    await second.bringToFront();
    await expect(panel.heading()).toHaveText('CX Escalation — Priya Shah');
    await first.bringToFront();
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');
    // A non-conversation page in the active tab: the queue.
    await first.goto(`${standin.url}/app/accounts/1/settings/general`);
    await expect(panel.queue()).toBeVisible();
    await second.bringToFront();
    await expect(panel.heading()).toHaveText('CX Escalation — Priya Shah');
  } finally {
    await close();
  }
});

test('every conversation route of the dashboard is detected, label names URL-encoded', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  const base = `${standin.url}/app/accounts/1`;
  const { panel, tab, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    `${base}/dashboard`,
  );
  try {
    await expect(panel.queue()).toBeVisible();
    for (const path of [
      `/inbox/1/conversations/${C.p1Tracking}`,
      `/label/billing%20%C3%A9t%C3%A9/conversations/${C.p2Refund}?tab=all#top`,
      `/team/1/conversations/${C.p1Tracking}/`,
      `/mentions/conversations/${C.p2Refund}`,
      `/inbox-view/conversation/${C.p1Tracking}`,
    ]) {
      // In-app navigation, as Chatwoot's router does it.
      await tab.evaluate((p) => history.pushState({}, '', p), `/app/accounts/1${path}`);
      const expected = path.includes(String(C.p2Refund)) ? 'Priya Shah' : 'James Carter';
      await expect(panel.heading()).toHaveText(`CX Escalation — ${expected}`);
    }
  } finally {
    await close();
  }
});

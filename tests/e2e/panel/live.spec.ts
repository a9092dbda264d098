import { expect, openRealSidePanel, stopWorkerWhenIdle, test } from '../fixtures';
import { conversationState, loggedDecisions } from '../standin-state';
import { SEED } from '../../standin/seed';
import type { Standin } from '../../standin/server';

// Issue 17: the open panel follows Chatwoot through its realtime channel (/cable), falls back
// to polling without it, and never sends a reply chosen on words the customer has since changed.

const C = SEED.conversations;
const urlOf = (base: string, id: number) => `${base}/app/accounts/1/conversations/${id}`;

async function control(standin: Standin, path: string, body: unknown) {
  const res = await fetch(`${standin.url}/__standin${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
  return (await res.json()) as Record<string, unknown>;
}
const customerWrites = (standin: Standin, id: number, content: string) =>
  control(standin, `/accounts/1/conversations/${id}/incoming`, { content });
const colleague = (standin: Standin, id: number, body: Record<string, unknown>) =>
  control(standin, `/accounts/1/conversations/${id}/agent`, body);
/** One conversation's own calls (the panel also fetches others ahead: prefetch.ts). */
const callsFor = (standin: Standin, id: number) =>
  standin.requests.list().filter((r) => /\/conversations\/(\d+)/.exec(r.path)?.[1] === String(id))
    .length;

test.describe('live panel', () => {
  test.beforeEach(async ({ signedIn: _signedIn }) => undefined);

  test('a customer message, a colleague’s reply and a resolve made elsewhere reach the open panel within 2 s, with no refetch', async ({
    context,
    extensionId,
    cdpPort,
    standin,
  }) => {
    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      urlOf(standin.url, C.p2Refund),
    );
    try {
      await expect(panel.page.locator('.live-status')).toHaveText('Live');
      const calls = callsFor(standin, C.p2Refund);

      await customerWrites(standin, C.p2Refund, 'Actually it never arrived, I want my money back');
      await expect(panel.page.locator('.latest-message')).toContainText(
        'Actually it never arrived, I want my money back',
        { timeout: 2_000 },
      );
      await colleague(standin, C.p2Refund, { action: 'reply', content: 'Refund issued today.' });
      await expect(panel.page.locator('.latest-message')).toContainText(
        'Sam Admin: “Refund issued today.”',
        {
          timeout: 2_000,
        },
      );
      await colleague(standin, C.p2Refund, { action: 'resolve' });
      await expect(panel.page.locator('.facts')).toContainText('resolved', { timeout: 2_000 });
      expect(callsFor(standin, C.p2Refund)).toBe(calls); // the events carried the data
    } finally {
      await close();
    }
  });

  test('Approve confirmed after the customer wrote again is stopped, shows the new words and asks again', async ({
    context,
    extensionId,
    cdpPort,
    standin,
  }) => {
    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      urlOf(standin.url, C.p2Refund),
    );
    try {
      await expect(panel.page.locator('.live-status')).toHaveText('Live');
      const sent = conversationState(standin, C.p2Refund).replies.length;
      await panel.button('Approve & Send Reply').click();
      const dialog = panel.page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      const written = await customerWrites(
        standin,
        C.p2Refund,
        'Never mind the refund, please cancel my order.',
      );
      await expect(dialog).toContainText('Never mind the refund, please cancel my order.', {
        timeout: 2_000,
      });
      await dialog.getByRole('button', { name: 'Send reply' }).click();
      await expect(dialog).toContainText('The customer wrote again after this reply was chosen');
      await expect(dialog).toContainText('confirm again');
      await panel.page.waitForTimeout(500);
      expect(conversationState(standin, C.p2Refund).replies).toHaveLength(sent); // nothing sent
      await dialog.getByRole('button', { name: 'Send reply' }).click();
      await expect(panel.page.getByText('Reply sent to Priya Shah.')).toBeVisible();
      const [record] = await loggedDecisions(context, extensionId);
      expect(record).toMatchObject({
        action: 'chatwoot.approve_send',
        answeredMessageId: written.id,
      });
    } finally {
      await close();
    }
  });

  test('resolved by someone else since it was opened: the confirmation says who and when', async ({
    context,
    extensionId,
    cdpPort,
    standin,
  }) => {
    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      urlOf(standin.url, C.p1Tracking),
    );
    try {
      await expect(panel.page.locator('.live-status')).toHaveText('Live');
      await colleague(standin, C.p1Tracking, { action: 'resolve' });
      await expect(panel.page.locator('.facts')).toContainText('resolved', { timeout: 2_000 });
      await panel.button('Escalate to Manager').click();
      const dialog = panel.page.getByRole('dialog');
      await expect(dialog).toContainText('Changed since you opened this conversation');
      await expect(dialog).toContainText('Conversation was marked resolved by Sam Admin');
      await dialog.getByRole('radio').first().check();
      await dialog.getByRole('button', { name: 'Escalate', exact: true }).click();
      await expect(dialog).toContainText('confirm again');
      expect(
        conversationState(standin, C.p1Tracking).notes.some((n) => n.startsWith('Escalated')),
      ).toBe(false);
    } finally {
      await close();
    }
  });

  test('without /cable the panel says "Updates every 15 s" and still shows a customer message within 20 s', async ({
    context,
    extensionId,
    cdpPort,
    standin,
  }) => {
    test.setTimeout(90_000);
    standin.cable.configure({ enabled: false });
    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      urlOf(standin.url, C.p2Refund),
    );
    try {
      await expect(panel.page.locator('.live-status')).toHaveText('Updates every 15 s', {
        timeout: 10_000,
      });
      await customerWrites(standin, C.p2Refund, 'Are you there? It still has not arrived.');
      await expect(panel.page.locator('.latest-message')).toContainText('Are you there?', {
        timeout: 20_000,
      });
      // and back to live once the channel returns (the client's backoff is at most 30 s)
      standin.cable.configure({ enabled: true });
      await expect(panel.page.locator('.live-status')).toHaveText('Live', { timeout: 40_000 });
    } finally {
      await close();
    }
  });

  // Chromium 156 sometimes crashes (SIGTRAP) when a worker with a panel's port open is stopped
  // over CDP: about 1 stop in 50 here (docs/SECURITY.md, testing notes). One retry, here only.
  test.describe('with the worker stopped', () => {
    test.describe.configure({ retries: 1 });

    test('the worker stopped while subscribed: the panel reconnects, the new worker resubscribes', async ({
      context,
      extensionId,
      cdpPort,
      standin,
    }) => {
      const { panel, close } = await openRealSidePanel(
        context,
        extensionId,
        cdpPort,
        urlOf(standin.url, C.p2Refund),
      );
      try {
        await expect(panel.page.locator('.live-status')).toHaveText('Live');
        const welcomes = () =>
          standin.cable.sent.filter((f) => (f as { type?: string }).type === 'welcome').length;
        const before = welcomes();
        await stopWorkerWhenIdle(context, extensionId, standin);
        // A new worker (woken by the panel's port) opens a new socket and subscribes again.
        await expect.poll(welcomes, { timeout: 10_000 }).toBeGreaterThan(before);
        await expect.poll(() => standin.cable.stats().subscriptions.length).toBe(1);
        await expect(panel.page.locator('.live-status')).toHaveText('Live');
        await customerWrites(standin, C.p2Refund, 'Back again after the restart');
        await expect(panel.page.locator('.latest-message')).toContainText(
          'Back again after the restart',
          {
            timeout: 2_000,
          },
        );
      } finally {
        await close();
      }
    });
  });
});

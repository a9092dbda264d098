import { expect, openRealSidePanel, stopWorkerWhenIdle, test } from '../fixtures';
import { conversationState, loggedDecisions as decisions } from '../standin-state';
import { SEED } from '../../standin/seed';

// Each action changes the stand-in exactly as Chatwoot would and leaves one log record.

const C = SEED.conversations;
const urlOf = (base: string, id: number) => `${base}/app/accounts/1/conversations/${id}`;

test.describe('actions from the real side panel', () => {
  test.beforeEach(async ({ signedIn: _signedIn }) => undefined);

  test('Approve & Send Reply: confirmation shows the exact text, one outgoing message, toasts, one record', async ({
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
      const expected =
        "I'm sorry for the trouble, Priya Shah. I can refund this immediately or offer store credit—let me know what works best.";
      await expect(panel.suggestedReply()).toContainText(expected);
      await panel.button('Approve & Send Reply').click();
      const dialog = panel.page.getByRole('dialog', { name: 'Send this reply to Priya Shah?' });
      await expect(dialog).toContainText(expected);
      await dialog.getByRole('button', { name: 'Send reply' }).click();
      await expect(panel.page.getByText('Reply sent to Priya Shah.')).toBeVisible();
      await expect(panel.page.getByText('Decision logged to audit trail.')).toBeVisible();
      expect(
        conversationState(standin, C.p2Refund).replies.filter((r) => r === expected),
      ).toHaveLength(1);
      const records = await decisions(context, extensionId);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        action: 'chatwoot.approve_send',
        scope: 'ops',
        conversationId: C.p2Refund,
        accountId: 1,
        operatorEmail: 'dana@acme.test',
        replyBody: expected,
        suggestedTemplate: 'refund_offer',
        edited: false,
        syncState: 'sent',
        mock: false,
      });
    } finally {
      await close();
    }
  });

  test('an edited reply is sent as edited and logged with both texts', async ({
    context,
    extensionId,
    cdpPort,
    standin,
  }) => {
    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      urlOf(standin.url, C.noneFresh),
    );
    try {
      await panel.button('Edit Reply').click();
      const text = panel.page.getByLabel('Reply text');
      await text.fill('Hi Ahmed, the Paris store opens at 10:00 every day.');
      await panel.approve();
      await expect(panel.page.getByText('Reply sent to Ahmed Khan.')).toBeVisible();
      expect(conversationState(standin, C.noneFresh).replies).toContain(
        'Hi Ahmed, the Paris store opens at 10:00 every day.',
      );
      const [record] = await decisions(context, extensionId);
      expect(record).toMatchObject({ edited: true, suggestedTemplate: 'ack_delay' });
      expect(String(record?.suggestedBody)).toContain('thanks for your patience');
    } finally {
      await close();
    }
  });

  test('Escalate to Manager keeps the other labels and posts a private note for the manager', async ({
    context,
    extensionId,
    cdpPort,
    standin,
  }) => {
    const before = conversationState(standin, C.p1Tracking);
    expect(before.labels).toEqual(['vip']);
    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      urlOf(standin.url, C.p1Tracking),
    );
    try {
      await expect(panel.priority()).toContainText('P1');
      await panel.button('Escalate to Manager').click();
      await panel.page.getByRole('dialog').getByLabel('Refund over $500').check();
      await expect(panel.page.getByRole('dialog')).toContainText(
        'Goes to L3 · operations manager (refund over $500)',
      );
      await panel.page.getByRole('button', { name: 'Cancel' }).click();
      await panel.escalate('Refund over $500', 'Customer wants $800 back for two lost parcels');
      await expect(panel.page.getByText('Escalated to a manager.')).toBeVisible();
      const after = conversationState(standin, C.p1Tracking);
      expect(after.labels).toEqual(['vip', 'escalation', 'escalation-l3']);
      expect(after.replies).toEqual(before.replies); // nothing public was sent
      const note = after.notes.at(-1) ?? '';
      expect(note).toContain('dana@acme.test');
      expect(note).toContain('Refund over $500');
      expect(note).toContain('Level: L3, operations manager (refund over $500).');
      expect(note).toContain('Customer wants $800 back for two lost parcels');
      expect(note).toContain("Any news? It's still not delivered.");
      expect(note).toMatch(/SLA: P1, breached at/);
      const [record] = await decisions(context, extensionId);
      expect(record).toMatchObject({
        action: 'chatwoot.escalate',
        escalationReason: 'refund_over_500',
        note: 'Customer wants $800 back for two lost parcels',
        syncState: 'sent',
      });
    } finally {
      await close();
    }
  });

  test('Mark Resolved warns about a pending refund first (SOP-CX-004), then resolves', async ({
    context,
    extensionId,
    cdpPort,
    standin,
  }) => {
    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      urlOf(standin.url, C.refundPending),
    );
    try {
      await panel.button('Mark Resolved').click();
      const dialog = panel.page.getByRole('dialog');
      await expect(dialog.getByRole('alert')).toContainText(/refund/i);
      await dialog.getByRole('button', { name: 'Resolve', exact: true }).click();
      await expect(panel.page.getByText('Conversation marked resolved.')).toBeVisible();
      expect(conversationState(standin, C.refundPending).status).toBe('resolved');
    } finally {
      await close();
    }
  });

  test('no customer message: no suggestion, no Approve, and the panel says why', async ({
    context,
    extensionId,
    cdpPort,
    standin,
  }) => {
    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      urlOf(standin.url, C.noCustomerMessage),
    );
    try {
      await expect(panel.suggestedReply()).toContainText(
        'the customer has not written anything yet',
      );
      await expect(panel.button('Approve & Send Reply')).toHaveCount(0);
      await expect(panel.button('Escalate to Manager')).toBeVisible();
    } finally {
      await close();
    }
  });
});

test.describe('the outbox under faults', () => {
  test.beforeEach(async ({ signedIn: _signedIn }) => undefined);

  test('a dropped connection after Chatwoot processed the POST: one reply, decision sent', async ({
    context,
    extensionId,
    cdpPort,
    standin,
  }) => {
    standin.faults.add({ method: 'POST', path: '/messages$', kind: 'drop_after', times: 1 });
    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      urlOf(standin.url, C.p2Refund),
    );
    try {
      await panel.approve();
      await expect(panel.page.getByText('Reply sent to Priya Shah.')).toBeVisible({
        timeout: 15_000,
      });
      const replies = conversationState(standin, C.p2Refund).replies;
      expect(replies.filter((r) => r?.startsWith("I'm sorry for the trouble"))).toHaveLength(1);
      const [record] = await decisions(context, extensionId);
      expect(record?.syncState).toBe('sent');
    } finally {
      await close();
    }
  });

  // Chromium 156 sometimes crashes (SIGTRAP) when a worker with a panel's port open is stopped
  // over CDP: about 1 stop in 50 here (docs/SECURITY.md, testing notes). One retry, here only.
  test.describe('with the worker stopped', () => {
    test.describe.configure({ retries: 1 });

    test('Chatwoot down (5xx): the action is queued, shown with Retry/Cancel, and survives a stopped worker', async ({
      context,
      extensionId,
      cdpPort,
      standin,
    }) => {
      const fault = standin.faults.add({
        method: 'POST',
        path: '/toggle_status$',
        kind: 'status',
        status: 503,
      });
      const { panel, close } = await openRealSidePanel(
        context,
        extensionId,
        cdpPort,
        urlOf(standin.url, C.noneFresh),
      );
      try {
        await panel.resolve();
        await expect(panel.page.getByText(/queued and will be retried/)).toBeVisible({
          timeout: 15_000,
        });
        const outbox = panel.page.getByRole('region', { name: 'Pending actions' });
        await expect(outbox).toContainText('Pending');
        await expect(outbox.getByRole('button', { name: 'Retry' })).toBeVisible();
        await expect(outbox.getByRole('button', { name: 'Cancel' })).toBeVisible();

        // Chrome stops idle workers; a fresh one must pick the queue up from IndexedDB.
        await stopWorkerWhenIdle(context, extensionId, standin); // Chrome activates the Chatwoot tab again
        standin.faults.remove(fault.id);
        await outbox.getByRole('button', { name: 'Retry' }).click();
        await expect
          .poll(() => conversationState(standin, C.noneFresh).status, { timeout: 15_000 })
          .toBe('resolved');
        await expect(outbox).toHaveCount(0);
        const [record] = await decisions(context, extensionId);
        expect(record).toMatchObject({ action: 'chatwoot.mark_resolved', syncState: 'sent' });
      } finally {
        await close();
      }
    });
  });

  test('404 fails for good with the reason in plain words', async ({
    context,
    extensionId,
    cdpPort,
    standin,
  }) => {
    standin.faults.add({
      method: 'POST',
      path: '/messages$',
      kind: 'status',
      status: 404,
      body: '{"error":"Resource could not be found"}',
    });
    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      urlOf(standin.url, C.p2Refund),
    );
    try {
      await panel.approve();
      await expect(
        panel.page
          .getByRole('alert')
          .filter({ hasText: 'could not find this conversation' })
          .first(),
      ).toBeVisible();
      const [record] = await decisions(context, extensionId);
      expect(record?.syncState).toBe('failed');
      expect(String(record?.error)).toContain('could not find this conversation');
    } finally {
      await close();
    }
  });
});

import AxeBuilder from '@axe-core/playwright';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  closeOnboardingTab,
  expect,
  launchWithExtension,
  openRealSidePanel,
  stopWorkerWhenIdle,
  test as base,
  type Panel,
} from '../fixtures';

// Mock mode (issue 6): the whole flow with the network to anything but the extension itself
// blocked AND measured. Every http(s) request the browser makes — pages, the service worker,
// Chromium itself, localhost included (`<-loopback>`) — goes to a proxy that counts it and
// answers 502. The Chatwoot stand-in is never started.

interface CountingProxy {
  port: number;
  seen: string[];
}

const test = base.extend<{ counter: CountingProxy }>({
  // eslint-disable-next-line no-empty-pattern
  counter: async ({}, use) => {
    const seen: string[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(502).end();
    });
    server.on('connect', (req, socket) => {
      seen.push(`CONNECT ${req.url}`);
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await use({ port: (server.address() as AddressInfo).port, seen });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  },
  context: async ({ cdpPort, counter }, use) => {
    const context = await launchWithExtension(cdpPort, [
      `--proxy-server=http://127.0.0.1:${counter.port}`,
      '--proxy-bypass-list=<-loopback>',
    ]);
    await closeOnboardingTab(context);
    await use(context);
    await context.close();
  },
});

async function pick(panel: Panel, name: string) {
  const samples = panel.page.getByRole('region', { name: 'Sample conversations' });
  await samples.getByRole('button', { name: new RegExp(name) }).click();
  await expect(panel.heading()).toHaveText(`CX Escalation — ${name}`);
}

async function backToSamples(panel: Panel) {
  await panel.button('Back to samples').click();
  await expect(panel.heading()).toHaveText('Sample conversations');
}

// Chromium 156 sometimes crashes (SIGTRAP) when a worker with a panel's port open is stopped
// over CDP: about 1 stop in 50 here (docs/SECURITY.md, testing notes). One retry, here only.
test.describe('with the worker stopped', () => {
  test.describe.configure({ retries: 1 });

  test('mock mode: the whole flow works offline and nothing leaves the browser', async ({
    context,
    extensionId,
    cdpPort,
    options,
    counter,
  }) => {
    // The whole trainer's flow plus a stopped worker: ~15 s alone, ~28 s on a busy machine.
    test.setTimeout(60_000);
    // The proxy does see what the browser sends (else "zero" below would prove nothing).
    const probe = await context.newPage();
    await probe.goto('http://chatwoot.example.invalid/').catch(() => undefined);
    await expect.poll(() => counter.seen.length).toBeGreaterThan(0);
    await probe.close();
    counter.seen.length = 0;

    // Options: no Chatwoot URL, just the switch.
    await options.open();
    await options.page.getByRole('switch', { name: 'Mock mode' }).check();
    await expect(options.page.getByRole('status')).toContainText(
      'Mock mode — nothing is sent to Chatwoot.',
    );
    await options.page.close();

    const { panel, close } = await openRealSidePanel(context, extensionId, cdpPort, 'about:blank');
    try {
      const page = panel.page;
      const banner = page.getByRole('status').filter({ hasText: 'Mock mode' });
      await expect(banner).toHaveText(/Mock mode — nothing is sent to Chatwoot\./);
      await expect(banner.getByRole('button')).toHaveCount(0); // nothing dismisses it
      await expect(page.getByRole('switch', { name: 'Mock mode' })).toBeChecked();

      // No Chatwoot tab: the sample conversations, with their priority.
      await expect(panel.heading()).toHaveText('Sample conversations');
      const samples = page.getByRole('region', { name: 'Sample conversations' });
      await expect(samples.getByRole('button', { name: / · #\d+ / })).toHaveCount(10);
      // The follow-up flags of the scenario's history (approved reply > 24 h, escalation > 2 h).
      await expect(samples.getByText(/Re-escalate to L2/)).toBeVisible();
      await expect(samples.getByText(/Escalation not acknowledged/)).toBeVisible();
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
      await page.screenshot({ path: 'docs/screenshots/mock-mode-samples.png', fullPage: true });
      await expect(samples.getByRole('button', { name: /Olivia Bennett/ })).toContainText('P1');
      await expect(samples.getByRole('button', { name: /Customer · #6/ })).toBeVisible();
      // The same queue as live: P1 → P3 then follow-ups, the counts, the clock, integration health.
      const queued = samples.locator('ul.queue-list:not(.queue-others) > li');
      const ranks = (await queued.allTextContents()).map((text) =>
        /P1/.test(text) ? 1 : /P2/.test(text) ? 2 : /P3/.test(text) ? 3 : 4,
      );
      expect(ranks.slice(0, 3)).toEqual([1, 1, 1]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      await expect(samples).toContainText('3 P1 · 2 P2 · 1 P3 · 2 follow-ups');
      await expect(samples).toContainText('SLA clock: customer waiting');
      await expect(page.getByRole('region', { name: 'Integration health' })).toBeVisible();

      // Approve & send, with its confirmation.
      await pick(panel, 'Olivia Bennett');
      await expect(panel.priority()).toContainText('P1');
      await expect(panel.suggestedReply()).toContainText(
        'Appreciate you reaching out, Olivia Bennett. Your order is with our carrier',
      );
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
      await page.screenshot({ path: 'docs/screenshots/mock-mode.png' });
      await panel.approve();
      await expect(page.getByText('Reply sent to Olivia Bennett.')).toBeVisible();
      await expect(page.getByText('Decision logged to audit trail.').first()).toBeVisible();

      // Escalate: no reason is preselected, and Escalate waits for one.
      await panel.button('Escalate to Manager').click();
      const escalating = page.getByRole('dialog');
      await expect(escalating.getByRole('radio', { checked: true })).toHaveCount(0);
      await expect(
        escalating.getByRole('button', { name: 'Escalate', exact: true }),
      ).toBeDisabled();
      await expect(escalating).toContainText('Choose a reason to escalate.');
      await escalating.getByRole('button', { name: 'Cancel' }).click();
      await panel.escalate('Policy exception', 'VIP customer, third delay this year');
      await expect(page.getByText('Escalated to a manager.')).toBeVisible();

      // Resolve: the refund-pending sample warns first.
      await backToSamples(panel);
      await pick(panel, "Liam O'Brien");
      await panel.button('Mark Resolved').click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('alert')).toContainText('The refund is pending approval');
      await dialog.getByRole('button', { name: 'Resolve', exact: true }).click();
      await expect(page.getByText('Conversation marked resolved.')).toBeVisible();
      await expect(page.locator('.facts')).toContainText('resolved');

      // Chrome stops the idle worker: the samples' state lives in IndexedDB, not in its memory.
      await stopWorkerWhenIdle(context, extensionId);
      await backToSamples(panel);
      await expect(samples.getByRole('button', { name: /Liam O'Brien/ })).toContainText('resolved');

      // A send the network stops: the copy deck's words, and the outbox retries it.
      await page
        .getByLabel('Scripted failure')
        .selectOption({ label: 'Sends fail: network error' });
      await pick(panel, 'Camille Laurent');
      await panel.approve();
      await expect(
        page.getByRole('alert').filter({ hasText: 'Unable to send reply. Network error.' }),
      ).toBeVisible({ timeout: 15_000 });
      await expect(page.getByText(/queued and will be retried/)).toBeVisible();
      const pendingSend = page.getByRole('region', { name: 'Pending actions' });
      await pendingSend.getByRole('button', { name: 'Cancel' }).click();
      await expect(pendingSend).toBeHidden();
      await backToSamples(panel);

      // A scripted failure: the error in words, the outbox entry with Retry, as live.
      await page.getByLabel('Scripted failure').selectOption({ label: 'Chatwoot refuses sends' });
      await pick(panel, 'Daniel Okafor');
      await panel.approve();
      await expect(
        page.getByRole('alert').filter({ hasText: 'Chatwoot refused the request' }),
      ).toBeVisible();
      const outbox = page.getByRole('region', { name: 'Pending actions' });
      await expect(outbox).toContainText('Failed');
      await page.getByLabel('Scripted failure').selectOption({ label: 'None' });
      await outbox.getByRole('button', { name: 'Retry' }).click();
      await expect(outbox).toBeHidden();

      // Reset demo: the samples come back, the five mock decisions go (one cancelled).
      await panel.button('Reset demo').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Reset demo' }).click();
      await expect(page.getByText('Demo reset: 5 mock decisions deleted.')).toBeVisible();
      await backToSamples(panel);
      await expect(samples.getByRole('button', { name: /Liam O'Brien/ })).toContainText('open');
    } finally {
      await close();
    }

    // Chromium 156 itself calls these even with no extension loaded and no page open (Google
    // sign-in's ListAccounts, the component updater): the browser's, not the extension's. Any
    // other request, to any host, fails the test.
    const extensionTraffic = counter.seen.filter((request) => !CHROMIUM_OWN.test(request));
    test.info().annotations.push({
      type: 'requests',
      description: `${counter.seen.length} through the proxy, ${extensionTraffic.length} not Chromium's own`,
    });
    expect(extensionTraffic).toEqual([]);
  });
});

const CHROMIUM_OWN =
  /^(CONNECT (accounts\.google\.com|update\.googleapis\.com):443|POST http:\/\/update\.googleapis\.com\/service\/update2\/json\?\S*)$/;

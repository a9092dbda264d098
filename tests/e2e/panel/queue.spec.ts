import { expect, openRealSidePanel, test } from '../fixtures';
import { SEED } from '../../standin/seed';

test('with no conversation open, the panel shows the escalation queue, P1 first; a click opens it', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  const inbox = `${standin.url}/app/accounts/1/conversations`;
  const { panel, tab, close } = await openRealSidePanel(context, extensionId, cdpPort, inbox);
  try {
    const queue = panel.queue();
    await expect(queue).toBeVisible();
    const items = queue.getByRole('listitem');
    await expect(items.first()).toContainText('P1');
    const texts = await items.allTextContents();
    const ranks = texts.map((text) =>
      /P1/.test(text) ? 1 : /P2/.test(text) ? 2 : /P3/.test(text) ? 3 : 4,
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b)); // P1 → P2 → P3
    expect(texts.some((text) => text.includes('James Carter'))).toBe(true); // P1, breached
    expect(texts.some((text) => text.includes('Tom Becker'))).toBe(true); // P3, escalated
    expect(texts.some((text) => text.includes('Ahmed Khan'))).toBe(false); // fresh: not in the queue
    // Emma's conversation is 6 h old but answered: nobody is waiting, so it is not P1 (not queued).
    expect(texts.some((text) => text.includes('Emma Wilson'))).toBe(false);
    await expect(queue).toContainText(/\d+ P1 · \d+ P2 · \d+ P3/);
    await expect(queue).toContainText('SLA clock: customer waiting (30 min');

    // Every page was fetched: the stand-in answered the list/filter calls without a 4xx.
    const listCalls = standin.requests
      .list()
      .filter((r) => /\/conversations(\/filter)?$/.test(r.path));
    expect(listCalls.length).toBeGreaterThan(0);
    expect(listCalls.every((r) => r.status === 200)).toBe(true);

    await queue.getByRole('button', { name: /James Carter/ }).click();
    await expect(tab).toHaveURL(new RegExp(`/conversations/${SEED.conversations.p1Tracking}$`));
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');
  } finally {
    await close();
  }
});

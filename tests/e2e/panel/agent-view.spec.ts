import { expect, openRealSidePanel, test } from '../fixtures';
import { SEED } from '../../standin/seed';

const C = SEED.conversations;

test('the badge turns P2 the moment the SLA passes, with no new API call', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  // Ahmed has been waiting (the default clock) for a reply; his 30-minute SLA passes 4 s from now.
  const conversation = standin.state.conversations.find((c) => c.displayId === C.noneFresh)!;
  conversation.createdAt = Date.now() - 30 * 60_000 + 4_000;
  conversation.waitingSince = conversation.createdAt;
  const url = `${standin.url}/app/accounts/1/conversations/${C.noneFresh}`;
  const { panel, close } = await openRealSidePanel(context, extensionId, cdpPort, url);
  try {
    await expect(panel.priority()).toContainText('No priority');
    await expect(panel.page.getByText(/SLA: Due in/)).toBeVisible();
    // This conversation's calls (the panel also fetches others ahead, prefetch.ts).
    const own = () =>
      standin.requests
        .list()
        .filter((r) => /\/conversations\/(\d+)/.exec(r.path)?.[1] === String(C.noneFresh)).length;
    const calls = own();
    await expect(panel.priority()).toContainText('P2', { timeout: 10_000 });
    await expect(panel.page.getByText(/SLA: Breached/)).toBeVisible();
    await expect(panel.page.getByText('SLA breached', { exact: true })).toBeVisible();
    await expect(panel.page.getByText(/^SLA clock: customer waiting since /)).toBeVisible();
    expect(own()).toBe(calls);
  } finally {
    await close();
  }
});

test('snoozed and resolved say what they are, not "No SLA breaches detected."', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  const url = (id: number) => `${standin.url}/app/accounts/1/conversations/${id}`;
  const { panel, tab, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    url(C.snoozedUntilReply),
  );
  try {
    await expect(panel.heading()).toHaveText('CX Escalation — Mateo Lopez');
    await expect(
      panel.page.getByText('Snoozed until the customer writes: no SLA clock'),
    ).toBeVisible();
    await tab.goto(url(C.snoozedTimedFrench));
    await expect(panel.heading()).toHaveText('CX Escalation — Isabelle Roy');
    await expect(panel.page.getByText(/^Snoozed until .+: no SLA clock$/)).toBeVisible();
    await tab.goto(url(C.resolved));
    await expect(panel.heading()).toHaveText('CX Escalation — Ethan Brown');
    await expect(panel.page.getByText('Resolved: no SLA clock')).toBeVisible();
    await expect(panel.page.getByText('No SLA breaches detected.')).toHaveCount(0);
  } finally {
    await close();
  }
});

test('revisiting a conversation within 30 s costs no API call', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  const url = (id: number) => `${standin.url}/app/accounts/1/conversations/${id}`;
  const { panel, tab, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    url(C.p1Tracking),
  );
  try {
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');
    // This conversation's own calls: the panel also fetches others ahead (prefetch.ts).
    const api = () =>
      standin.requests.list().filter((r) => {
        const id = /\/conversations\/(\d+)(\/messages)?$/.exec(r.path)?.[1];
        return id === String(C.p2Refund) || id === String(C.p1Tracking);
      });
    const before = api().length;
    await tab.evaluate(
      (p) => history.pushState({}, '', p),
      `/app/accounts/1/conversations/${C.p2Refund}`,
    );
    await expect(panel.heading()).toHaveText('CX Escalation — Priya Shah');
    const afterNew = api().length;
    expect(afterNew - before).toBeLessThanOrEqual(2); // conversation + messages
    await tab.evaluate(
      (p) => history.pushState({}, '', p),
      `/app/accounts/1/conversations/${C.p1Tracking}`,
    );
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');
    expect(api().length).toBe(afterNew);
  } finally {
    await close();
  }
});

test('a nameless customer is "Customer", and HTML in a name is shown as text', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  const url = (id: number) => `${standin.url}/app/accounts/1/conversations/${id}`;
  const { panel, tab, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    url(C.p2Unnamed),
  );
  let dialogs = 0;
  panel.page.on('dialog', () => dialogs++);
  try {
    await expect(panel.heading()).toHaveText('CX Escalation — Customer');
    await expect(panel.suggestedReply()).toContainText('Hi Customer, thanks for your patience.');
    await tab.evaluate(
      (p) => history.pushState({}, '', p),
      `/app/accounts/1/conversations/${C.htmlName}`,
    );
    await expect(panel.heading()).toHaveText('CX Escalation — <img src=x onerror=alert(1)>');
    await expect(panel.page.locator('img')).toHaveCount(0);
    expect(dialogs).toBe(0);
  } finally {
    await close();
  }
});

test('French customer: French cues still pick the template, English wording kept', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  const url = `${standin.url}/app/accounts/1/conversations/${C.p1FrenchShipping}`;
  const { panel, close } = await openRealSidePanel(context, extensionId, cdpPort, url);
  try {
    await expect(panel.suggestedReply()).toContainText(
      'Appreciate you reaching out, Marie Dubois. Your order is with our carrier',
    );
    await expect(panel.suggestedReply()).toContainText(/Chosen because: Shipping\/delivery cue/);
  } finally {
    await close();
  }
});

test('a conversation the agent may not open says so plainly', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  const url = `${standin.url}/app/accounts/1/conversations/${C.restricted}`;
  const { panel, close } = await openRealSidePanel(context, extensionId, cdpPort, url);
  try {
    await expect(
      panel.page.getByRole('alert').filter({ hasText: 'may not act on this conversation' }),
    ).toBeVisible();
  } finally {
    await close();
  }
});

test('signed out of Chatwoot: the panel says so and how to fix it', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  standin.revokeSessions();
  const url = `${standin.url}/app/accounts/1/conversations/${C.p2Refund}`;
  const { panel, close } = await openRealSidePanel(context, extensionId, cdpPort, url);
  try {
    await expect(
      panel.page.getByRole('alert').filter({ hasText: 'You are signed out of Chatwoot' }),
    ).toBeVisible();
    await expect(panel.page.getByRole('button', { name: 'Open options' })).toBeVisible();
  } finally {
    await close();
  }
});

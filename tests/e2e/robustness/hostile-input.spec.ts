import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, freePort, openRealSidePanel, test } from '../fixtures';
import {
  AI_INJECTION,
  OPTIONS_CASES,
  PANEL_CASES,
  type Answer,
  type PanelCase,
  type Site,
  type StateChange,
} from '../hostile-cases';
import { conversationState } from '../standin-state';
import { SEED } from '../../standin/seed';
import type { Standin } from '../../standin/server';

// Issue 9, hostile input. The cases are data (hostile-cases.ts); this file loops over them.
// For every case: the expected text or a clear message, no dialog (no script ran), no element
// the data smuggled in, no uncaught error, and the panel still renders.

const API = (id: number) => `^/api/v1/accounts/${SEED.accountId}/conversations/${id}`;

async function apply(standin: Standin, id: number, change: StateChange) {
  const api = `${standin.url}/api/v1/accounts/${SEED.accountId}/conversations/${id}`;
  const headers = { api_access_token: SEED.agentToken, 'content-type': 'application/json' };
  const conv = standin.state.conversations.find(
    (c) => c.accountId === SEED.accountId && c.displayId === id,
  )!;
  if ('contactName' in change) {
    // Renamed in Chatwoot's dashboard: contact.updated reaches an open panel (a conversation it
    // fetched ahead included) over the realtime channel.
    const res = await fetch(
      `${standin.url}/__standin/accounts/${SEED.accountId}/contacts/${conv.contactId}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: change.contactName }),
      },
    );
    expect(res.status).toBe(200);
  } else if ('customerMessage' in change) {
    standin.customerMessage(id, change.customerMessage);
  } else if ('privateNote' in change) {
    const body = JSON.stringify({ content: change.privateNote, private: true });
    expect((await fetch(`${api}/messages`, { method: 'POST', headers, body })).status).toBe(200);
  } else {
    const body = JSON.stringify({ labels: change.labels });
    expect((await fetch(`${api}/labels`, { method: 'POST', headers, body })).status).toBe(200);
  }
}

/** Makes the stand-in answer the panel's call as the case says; returns the fault's id. */
async function answerWith(standin: Standin, id: number, answer: Answer): Promise<string> {
  const path = `${API(id)}${answer.call === 'messages' ? '/messages' : ''}$`;
  if (answer.kind !== 'rewrite') {
    const { kind } = answer;
    const extra = kind === 'status' ? { status: answer.status, body: answer.body } : {};
    return standin.faults.add({ method: 'GET', path, kind, ...extra }).id;
  }
  const url = `${standin.url}${path.slice(1, -1)}`;
  const real = (await (
    await fetch(url, { headers: { api_access_token: SEED.agentToken } })
  ).json()) as Record<string, unknown>;
  const body = { ...real, ...answer.rewrite };
  for (const [k, v] of Object.entries(answer.rewrite)) if (v === undefined) delete body[k];
  return standin.faults.add({
    method: 'GET',
    path,
    kind: 'status',
    status: 200,
    body: JSON.stringify(body),
  }).id;
}

/** What must hold after any case: nothing executed, nothing injected, still rendering. */
async function assertSafe(page: Page, dialogs: string[], errors: string[]) {
  const dom = await page.evaluate(() => {
    const injected = [
      ...document.querySelectorAll('img, iframe, frame, object, embed, script:not([src])'),
    ].map((e) => e.outerHTML.slice(0, 80));
    const handlers = [...document.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`),
    );
    return {
      rendered: (document.getElementById('root')?.childElementCount ?? 0) > 0,
      injected,
      handlers,
    };
  });
  expect(dom).toEqual({ rendered: true, injected: [], handlers: [] });
  expect(dialogs, 'dialogs opened by injected script').toEqual([]);
  expect(errors, 'uncaught errors').toEqual([]);
}

test('hostile Chatwoot data and answers: shown as text or as a clear message, nothing runs', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  test.setTimeout(180_000);
  const start = `${standin.url}/app/accounts/1/conversations/${SEED.conversations.p1Tracking}`;
  // Every odd answer is set before the panel opens: it fetches conversations ahead
  // (prefetch.ts), and the answer must be the one it gets, ahead or at the switch.
  const faults = new Map<number, string>();
  for (const c of PANEL_CASES) {
    if (c.answer)
      faults.set(c.conversationId!, await answerWith(standin, c.conversationId!, c.answer));
  }
  const { panel, tab, close } = await openRealSidePanel(context, extensionId, cdpPort, start);
  const dialogs: string[] = [];
  const errors: string[] = [];
  for (const page of [panel.page, tab]) {
    page.on('dialog', (d) => {
      dialogs.push(`${page === tab ? 'tab' : 'panel'}: ${d.message()}`);
      void d.dismiss();
    });
  }
  panel.page.on('pageerror', (e) => errors.push(e.message));
  try {
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');
    const cases: PanelCase[] = PANEL_CASES;
    for (const c of cases) {
      await test.step(c.name, async () => {
        const id = c.conversationId;
        for (const change of c.changes ?? []) await apply(standin, id!, change);
        const fault = c.answer ? faults.get(id!)! : null;
        try {
          await tab.goto(
            id === null
              ? `${standin.url}/app/accounts/1/conversations`
              : `${standin.url}/app/accounts/1/conversations/${id}`,
          );
          if ('heading' in c.expect) {
            await expect(panel.heading()).toHaveText(c.expect.heading, { timeout: 15_000 });
            for (const text of c.expect.text ?? [])
              await expect(panel.page.getByText(text)).toBeVisible();
          } else if ('alert' in c.expect) {
            await expect(
              panel.page.getByRole('alert').filter({ hasText: c.expect.alert }),
            ).toBeVisible({ timeout: 15_000 });
            // No half-rendered conversation: the heading names none.
            await expect(panel.heading()).toHaveText(/^Conversation #\d+ unavailable$/);
          } else {
            const queue = panel.queue();
            // The queue may have been loaded before the names changed: refresh, as a person would.
            await queue.getByRole('button', { name: 'Refresh' }).click();
            for (const text of c.expect.queueText) {
              await expect(
                queue
                  .getByRole('listitem')
                  .filter({ hasText: `${text} · #` })
                  .first(),
              ).toBeVisible({ timeout: 15_000 });
            }
          }
          await assertSafe(panel.page, dialogs, errors);
        } finally {
          if (fault) standin.faults.remove(fault);
        }
      });
    }
  } finally {
    await close();
  }
});

test('an operator note with markup is shown as text and reaches Chatwoot verbatim', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  const note = '<img src=x onerror=alert("note")> <b>bold</b> ‮RTL 🚨';
  const url = `${standin.url}/app/accounts/1/conversations/${SEED.conversations.p1Tracking}`;
  const { panel, close } = await openRealSidePanel(context, extensionId, cdpPort, url);
  const dialogs: string[] = [];
  const errors: string[] = [];
  panel.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  panel.page.on('pageerror', (e) => errors.push(e.message));
  try {
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');
    await panel.page.getByLabel('Operator note').fill(note);
    await panel.button('Escalate to Manager').click();
    const dialog = panel.page.getByRole('dialog');
    await expect(dialog.getByText(note, { exact: true })).toBeVisible();
    await assertSafe(panel.page, dialogs, errors);
    await dialog.getByLabel('Other').check();
    await dialog.getByRole('button', { name: 'Escalate', exact: true }).click();
    await expect
      .poll(() => conversationState(standin, SEED.conversations.p1Tracking).notes.join('\n'))
      .toContain(`Note: ${note}`);
    await assertSafe(panel.page, dialogs, errors);
  } finally {
    await close();
  }
});

test('a customer message that steers Chatwoot’s AI draft: asked only on click, shown as text, never sent by itself, confirmed as AI-written', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  const id = AI_INJECTION.conversationId;
  standin.config({ aiEnabled: true });
  standin.customerMessage(id, AI_INJECTION.message);
  const repliesBefore = conversationState(standin, id).replies;
  const conversationApi = `/api/v1/accounts/${SEED.accountId}/conversations/${id}`;
  const start = `${standin.url}/app/accounts/1/conversations/${SEED.conversations.p1Tracking}`;
  const { panel, tab, close } = await openRealSidePanel(context, extensionId, cdpPort, start);
  let from = standin.requests.list().length;
  const since = () => standin.requests.list().slice(from);
  const dialogs: string[] = [];
  const errors: string[] = [];
  panel.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  panel.page.on('pageerror', (e) => errors.push(e.message));
  try {
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');
    // The agent moves to the conversation inside Chatwoot (as its dashboard does: pushState).
    from = standin.requests.list().length;
    await tab.evaluate((p) => history.pushState({}, '', p), `/app/accounts/1/conversations/${id}`);
    await expect(panel.heading()).toHaveText(`CX Escalation — ${AI_INJECTION.customer}`);
    const card = panel.page.getByRole('region', { name: 'AI draft (Chatwoot)' });
    const ask = card.getByRole('button', { name: 'Draft with Chatwoot AI' });
    await expect(ask).toBeVisible();
    await panel.page.waitForTimeout(1_000); // anything the view would still send, sent
    // The view cost the conversation and its messages (none if it had been fetched ahead):
    // nothing about AI, nothing else but other conversations fetched ahead (prefetch.ts).
    const ahead = /\/conversations(\/(\d+)(\/messages)?)?$/;
    const own = since()
      .filter((r) => r.path.startsWith('/api/'))
      .filter((r) => {
        const m = ahead.exec(r.path);
        return !(r.method === 'GET' && m && m[2] !== String(id));
      })
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect([[], [`GET ${conversationApi}`, `GET ${conversationApi}/messages`]]).toContainEqual(own);

    await ask.click();
    for (const text of AI_INJECTION.steered) await expect(card).toContainText(text);
    // Shown as text: no link to follow, no element smuggled in, nothing ran.
    await expect(card.locator('a, img')).toHaveCount(0);
    await assertSafe(panel.page, dialogs, errors);
    const posted = () => since().filter((r) => r.method === 'POST' && r.path.includes('/messages'));
    // Never sent by itself, and the reply still holds the template until the agent picks it.
    expect(posted()).toEqual([]);
    await expect(panel.suggestedReply()).not.toContainText('full refund of $500');

    const draft = (await card.locator('.reply-text').textContent()) ?? '';
    await card.getByRole('button', { name: 'Use this draft' }).click();
    await expect(panel.suggestedReply()).toContainText(draft);
    await panel.button('Approve & Send Reply').click();
    const dialog = panel.page.getByRole('dialog', {
      name: `Send this reply to ${AI_INJECTION.customer}?`,
    });
    await expect(dialog).toContainText('AI-written');
    await expect(dialog).toContainText('Check every fact, link and promise.');
    await expect(dialog).toContainText(draft);
    await expect(dialog.locator('a, img')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    await assertSafe(panel.page, dialogs, errors);
    expect(posted()).toEqual([]);
    expect(conversationState(standin, id).replies).toEqual(repliesBefore);
  } finally {
    await close();
  }
});

/** A local site behaving as the case says; `close` stops it. */
async function site(kind: Site): Promise<{ url: string; close: () => void }> {
  if (kind.serves === 'nothing') return { url: `http://127.0.0.1:${await freePort()}`, close() {} };
  const server: Server = createServer((req, res) => {
    switch (kind.serves) {
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body><script>alert(11)</script>Welcome</body></html>');
        return;
      case 'json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"ok","user":{"name":"<img src=x onerror=alert(12)>"}}');
        return;
      case 'not-found':
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        return;
      case 'redirect-to-login':
        if (req.url === '/login') {
          res.writeHead(200, { 'content-type': 'text/html' }).end('<form>Log in</form>');
        } else res.writeHead(302, { location: '/login' }).end();
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

test('options: addresses that are not Chatwoot each get a clear message, nothing runs', async ({
  options,
}) => {
  const dialogs: string[] = [];
  const errors: string[] = [];
  options.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  options.page.on('pageerror', (e) => errors.push(e.message));
  await options.open();
  for (const c of OPTIONS_CASES) {
    await test.step(c.name, async () => {
      const target = typeof c.url === 'string' ? { url: c.url, close() {} } : await site(c.url);
      try {
        await options.signInWithToken(target.url, SEED.agentToken);
        await expect(options.page.getByRole('alert')).toContainText(c.expect);
        await expect(options.signedIn()).toHaveCount(0);
        await assertSafe(options.page, dialogs, errors);
      } finally {
        target.close();
      }
    });
  }
});

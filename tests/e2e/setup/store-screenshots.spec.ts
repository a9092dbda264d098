import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openRealSidePanel, test, type Panel } from '../fixtures';
import { overflow } from '../fit-helpers';
import { SEED } from '../../standin/seed';

// The Chrome Web Store's images (docs/STORE.md): five 1280×800 screenshots and the 440×280 tile,
// made from the stand-in with the real side panel; plus the README's shots of the connect step
// and the decision log. Each screenshot is the Chatwoot tab and the panel side by side, as a
// person sees them (headless Chromium cannot capture its own window with the panel docked).

const STORE = 'docs/screenshots/store';
const SHOTS = 'docs/screenshots';
mkdirSync(STORE, { recursive: true });
const C = SEED.conversations;
const PANEL_W = 380;
const TAB_W = 1280 - PANEL_W;
const H = 800;

/** The dashboard tab and the panel, captured apart, laid side by side at 1280×800. */
async function besideChatwoot(page: Page, tab: Page, panel: Panel, path: string) {
  await tab.setViewportSize({ width: TAB_W, height: H });
  await panel.page.setViewportSize({ width: PANEL_W, height: H });
  const left = (await tab.screenshot()).toString('base64');
  const right = (await panel.page.screenshot()).toString('base64');
  await page.setViewportSize({ width: 1280, height: H });
  await page.setContent(
    `<body style="margin:0;display:flex;background:#e0e1e6">` +
      `<img src="data:image/png;base64,${left}" width="${TAB_W}" height="${H}">` +
      `<img src="data:image/png;base64,${right}" width="${PANEL_W - 1}" height="${H}" style="margin-left:1px">` +
      `</body>`,
  );
  await page.screenshot({ path });
}

test('store: five 1280×800 screenshots, the 440×280 tile, and the README shots', async ({
  context,
  extensionId,
  cdpPort,
  standin,
}) => {
  test.setTimeout(120_000);
  const canvas = await context.newPage();
  const url = (id: number) => `${standin.url}/app/accounts/${SEED.accountId}/conversations/${id}`;
  const { panel, tab, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    url(C.p1Tracking),
  );
  const page = panel.page;
  try {
    // 1. Before setup, beside a Chatwoot tab: one click to connect.
    await tab.setViewportSize({ width: TAB_W, height: H });
    const connect = page.getByRole('button', { name: /^Connect to http/ });
    await expect(connect).toBeVisible();
    await page.setViewportSize({ width: PANEL_W, height: H });
    await page.screenshot({ path: `${SHOTS}/connect.png` });
    await besideChatwoot(canvas, tab, panel, `${STORE}/1-connect.png`);
    await connect.click();
    await expect(page.getByText(/Signed in as/)).toBeVisible();

    // 2. A P1 conversation with its suggested reply.
    await expect(panel.suggestedReply()).toBeVisible();
    await besideChatwoot(canvas, tab, panel, `${STORE}/2-conversation.png`);

    // 3. The confirmation before a reply is sent.
    await panel.button('Approve & Send Reply').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await besideChatwoot(canvas, tab, panel, `${STORE}/3-confirm.png`);
    await page.getByRole('dialog').getByRole('button', { name: 'Send reply' }).click();
    await expect(page.getByText('Reply sent to James Carter.')).toBeVisible();

    // Two more decisions for the log.
    await tab.goto(url(C.p2Refund));
    await expect(panel.heading()).toHaveText('CX Escalation — Priya Shah');
    await panel.escalate('Refund over $500', 'Asks for 900 € back');
    await expect(page.getByText('Escalated to a manager.')).toBeVisible();
    await tab.goto(url(C.p3Escalation));
    await expect(panel.heading()).toContainText('CX Escalation');
    await panel.resolve();
    await expect(page.getByText('Conversation marked resolved.')).toBeVisible();

    // 4. The escalation queue beside the inbox.
    await tab.goto(`${standin.url}/app/accounts/${SEED.accountId}/conversations`);
    await expect(panel.queue().getByRole('listitem').first()).toBeVisible();
    await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
    await besideChatwoot(canvas, tab, panel, `${STORE}/4-queue.png`);

    // The log at 360 px: cards, no sideways scrolling.
    await panel.button('Decision log').click();
    await expect(page.getByRole('table', { name: 'Decisions, newest first' })).toBeVisible();
    await page.setViewportSize({ width: 360, height: H });
    expect(await overflow(page)).toEqual([]);
    await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
    await page.screenshot({ path: `${SHOTS}/decision-log-360.png` });

    // 5. The log in a tab of its own, every column.
    const [logTab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Open in a tab' }).click(),
    ]);
    await logTab.setViewportSize({ width: 1280, height: H });
    await expect(logTab.getByRole('columnheader', { name: 'Operator' })).toBeVisible();
    await expect(logTab.getByRole('row')).toHaveCount(4);
    await logTab.screenshot({ path: `${STORE}/5-decision-log.png` });
    await logTab.screenshot({ path: `${SHOTS}/decision-log-tab.png` });
    // The options page once connected: the state at a glance, the steps done.
    const options = await context.newPage();
    await options.setViewportSize({ width: 1280, height: H });
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(options.getByText(/Connected to http/)).toBeVisible();
    await options.screenshot({ path: `${SHOTS}/options-connected.png` });
  } finally {
    await close();
  }

  // The small promo tile: the mark, the name, one line.
  const mark = readFileSync('assets/icon/mark.svg', 'utf8');
  await canvas.setViewportSize({ width: 440, height: 280 });
  await canvas.setContent(
    `<body style="margin:0;width:440px;height:280px;display:flex;align-items:center;gap:22px;` +
      `padding:0 36px;box-sizing:border-box;background:#f9f9fb;font-family:Inter,system-ui,sans-serif;color:#1c2024">` +
      `<div style="width:104px;height:104px;flex:none">${mark.replace('<svg ', '<svg style="width:104px;height:104px" ')}</div>` +
      `<div><div style="font-size:30px;font-weight:650;line-height:1.15">CX Escalations</div>` +
      `<div style="font-size:17px;color:#60646c;margin-top:8px;line-height:1.35">Triage, reply and escalate<br>beside Chatwoot</div></div>` +
      `</body>`,
  );
  await canvas.screenshot({ path: `${STORE}/tile-440x280.png` });
});

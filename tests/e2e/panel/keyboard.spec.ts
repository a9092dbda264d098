import type { Page } from '@playwright/test';
import { expect, openRealSidePanel, test } from '../fixtures';
import { conversationState } from '../standin-state';
import { SEED } from '../../standin/seed';

// Keyboard only (docs/PRODUCT.md: every action by keyboard in visual order, visible focus ring;
// issue 7): once the panel is open, nothing but page.keyboard — Tab, Shift+Tab, Enter, Space,
// arrows, Escape and the panel's shortcuts — triages from the queue, approves (with its
// confirmation), escalates (choosing a reason) and resolves.

const C = SEED.conversations;

interface Stop {
  name: string;
  top: number;
  left: number;
  focusVisible: boolean;
  ring: string;
}

/** What has the focus: its accessible-ish name, where it is, and whether its ring shows. */
function focused(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const rect = el.getBoundingClientRect();
    const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? null;
    const style = getComputedStyle(el);
    return {
      name: (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '')
        .trim()
        .replace(/\s+/g, ' '),
      top: Math.round(rect.top + window.scrollY),
      left: Math.round(rect.left),
      focusVisible: el.matches(':focus-visible'),
      ring: `${style.outlineStyle} ${style.outlineWidth}`,
    };
  });
}

/** Tab (or Shift+Tab) until the focus is on `name` (maybe already); fails after `max` presses. */
async function tabTo(
  page: Page,
  name: string | RegExp,
  opts: { back?: boolean; max?: number } = {},
) {
  const is = (stop: Stop | null): stop is Stop =>
    !!stop && (typeof name === 'string' ? stop.name === name : name.test(stop.name));
  const now = await focused(page);
  if (is(now)) return now;
  for (let i = 0; i < (opts.max ?? 60); i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const stop = await focused(page);
    if (is(stop)) return stop;
  }
  throw new Error(`Focus never reached ${String(name)}`);
}

test('keyboard only: triage from the queue, approve, escalate with a reason, resolve', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  test.setTimeout(90_000);
  const { panel, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    `${standin.url}/app/accounts/1/conversations`,
  );
  const page = panel.page;
  const keys = page.keyboard;
  try {
    await expect(panel.queue()).toBeVisible();
    await expect(panel.queue().getByRole('listitem').first()).toBeVisible();

    // Triage: from the queue to James Carter's conversation.
    const item = await tabTo(page, /James Carter · #2(?!\d)/);
    expect(item.focusVisible).toBe(true);
    await keys.press('Enter');
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');
    await expect(panel.priority()).toContainText('P1');

    // Focus order is the visual order, and every stop shows its ring: one full round of Tab.
    const round: Stop[] = [];
    for (let i = 0; i < 20; i++) {
      await keys.press('Tab');
      const stop = await focused(page);
      if (!stop) continue; // focus left the page (the panel's edge), next Tab comes back
      if (round.some((s) => s.name === stop.name && s.top === stop.top)) break;
      round.push(stop);
    }
    const first = round.findIndex((s) => s.name === 'Triage');
    const stops = [...round.slice(first), ...round.slice(0, first)];
    expect(stops.map((s) => s.name)).toEqual([
      'Triage',
      'Decision log',
      'Edit Reply',
      'Draft with Chatwoot AI',
      'Operator note',
      'Approve & Send Reply',
      'Escalate to Manager',
      'Mark Resolved',
      'Mock mode',
    ]);
    for (const [i, stop] of stops.entries()) {
      expect(stop.focusVisible, stop.name).toBe(true);
      expect(stop.ring, stop.name).toMatch(/^solid [3-9]px$/);
      const previous = stops[i - 1];
      if (!previous) continue;
      // Reading order: further down, or on the same row and further right.
      const sameRow = Math.abs(stop.top - previous.top) < 8;
      expect(
        sameRow ? stop.left > previous.left : stop.top > previous.top,
        `${previous.name} → ${stop.name}`,
      ).toBe(true);
    }
    // Shift+Tab walks back the same way.
    await tabTo(page, 'Mark Resolved');
    await keys.press('Shift+Tab');
    expect((await focused(page))?.name).toBe('Escalate to Manager');
    await keys.press('Shift+Tab');
    expect((await focused(page))?.name).toBe('Approve & Send Reply');

    // The shortcuts are announced and shown as tooltips.
    await expect(panel.button('Approve & Send Reply')).toHaveAttribute(
      'aria-keyshortcuts',
      'Alt+A',
    );
    await expect(panel.button('Approve & Send Reply')).toHaveAttribute('title', 'Shortcut: Alt+A');
    await expect(panel.button('Escalate to Manager')).toHaveAttribute('aria-keyshortcuts', 'Alt+E');
    await expect(panel.button('Mark Resolved')).toHaveAttribute('aria-keyshortcuts', 'Alt+R');

    // Edit the reply, write a note, approve with Alt+A: it still asks first.
    await tabTo(page, 'Edit Reply', { back: true });
    await keys.press('Enter');
    const reply = page.getByLabel('Reply text');
    await expect(reply).toBeFocused();
    await keys.press('ControlOrMeta+End');
    await keys.type(' Thank you for waiting.');
    await keys.press('Tab');
    // The AI draft is offered between the reply and the note; it sends nothing unless pressed.
    await expect(page.getByRole('button', { name: 'Draft with Chatwoot AI' })).toBeFocused();
    await keys.press('Tab');
    await expect(page.getByLabel('Operator note')).toBeFocused();
    await keys.type('Checked the carrier portal.');
    standin.requests.clear();
    await keys.press('Alt+A');
    const send = page.getByRole('dialog', { name: 'Send this reply to James Carter?' });
    await expect(send).toBeVisible();
    await expect(send).toContainText('Thank you for waiting.');
    expect(standin.requests.list().filter((r) => r.method === 'POST')).toEqual([]); // not yet
    await tabTo(page, 'Send reply', { max: 4 });
    await expect(send.getByRole('button', { name: 'Send reply' })).toBeFocused();
    await keys.press('Enter');
    await expect(page.getByText('Reply sent to James Carter.')).toBeVisible();
    const sent = conversationState(standin, C.p1Tracking).replies;
    expect(sent.at(-1)).toMatch(
      /^Appreciate you reaching out, James Carter\..* Thank you for waiting\.$/,
    );

    // Escalate from its button (Space), choosing the reason with the arrow keys.
    await tabTo(page, 'Escalate to Manager');
    await keys.press('Space');
    const escalate = page.getByRole('dialog', { name: 'Escalate to Manager' });
    await expect(escalate).toBeVisible();
    await tabTo(page, 'Policy exception', { max: 3 });
    await expect(escalate.getByLabel('Policy exception')).toBeFocused();
    await keys.press('ArrowDown');
    await expect(escalate.getByLabel('Refund over $500')).toBeChecked();
    await tabTo(page, 'Escalate', { max: 3 });
    await keys.press('Enter');
    await expect(page.getByText('Escalated to a manager.')).toBeVisible();
    const escalated = conversationState(standin, C.p1Tracking);
    expect(escalated.labels).toContain('escalation');
    expect(escalated.notes.at(-1)).toContain('Reason: Refund over $500.');

    // Resolve with Alt+R; Escape first backs out and sends nothing.
    await keys.press('Alt+R');
    const resolve = page.getByRole('dialog', { name: 'Mark this conversation resolved?' });
    await expect(resolve).toBeVisible();
    await keys.press('Escape');
    await expect(resolve).toBeHidden();
    expect(conversationState(standin, C.p1Tracking).status).toBe('open');
    // A shortcut pressed the moment a dialog closes is not lost: Escape, then at once Alt+R; and
    // again with the same dialog (the steps below use it, so it must have stayed open).
    await keys.press('Alt+E');
    await expect(escalate).toBeVisible();
    await keys.press('Escape');
    await keys.press('Alt+R');
    await expect(resolve).toBeVisible();
    await expect(escalate).toBeHidden();
    await keys.press('Escape');
    await keys.press('Alt+R');
    await expect(resolve).toBeVisible();
    await tabTo(page, 'Resolve', { max: 3 });
    await expect(resolve.getByRole('button', { name: 'Resolve', exact: true })).toBeFocused();
    await keys.press('Enter');
    await expect(page.getByText('Conversation marked resolved.')).toBeVisible();
    expect(conversationState(standin, C.p1Tracking).status).toBe('resolved');
  } finally {
    await close();
  }
});

import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openRealSidePanel, test } from '../fixtures';
import {
  axeEveryVariant,
  LOCALES,
  overflow,
  SCHEMES,
  setLocale,
  zoom200,
  type Violation,
} from '../fit-helpers';
import { SEED } from '../../standin/seed';

// Accessibility (docs/PRODUCT.md, WCAG 2.2 AA; issue 7): axe on every panel and options state, in
// English and French, light and dark; reflow at 320 px and 200 % zoom; reduced motion; live
// regions. Also writes the screenshots in docs/screenshots/ (looked at by a person).

const C = SEED.conversations;
const urlOf = (base: string, id: number) => `${base}/app/accounts/1/conversations/${id}`;
const SHOTS = 'docs/screenshots';
mkdirSync(SHOTS, { recursive: true });

/** The side panel at the width Chrome gives it by default, for comparable screenshots. */
async function shoot(page: Page, name: string) {
  for (const locale of LOCALES) {
    await setLocale(page, locale);
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: `${SHOTS}/${name}-${scheme}-${locale}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await setLocale(page, 'en');
}

test('panel: every state, EN and FR, light and dark — zero axe violations', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  test.setTimeout(240_000);
  const found: Violation[] = [];
  // A failing send, to show a failed action in Pending actions.
  standin.faults.add({ method: 'POST', path: '/messages$', kind: 'status', status: 404 });
  const { panel, tab, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    urlOf(standin.url, C.p1Tracking),
  );
  const page = panel.page;
  try {
    await page.setViewportSize({ width: 360, height: 720 });
    const ready = (name: RegExp) => async () => {
      await expect(panel.heading()).toHaveText(name);
    };

    // A conversation with its suggestion.
    await expect(panel.suggestedReply()).toBeVisible();
    await axeEveryVariant(page, 'conversation with suggestion', found, {
      ready: ready(/James Carter/),
    });
    await shoot(page, 'panel');

    // Each confirmation dialog.
    for (const [button, dialogName] of [
      ['Approve & Send Reply', /Send this reply/],
      ['Escalate to Manager', /Escalate/],
      ['Mark Resolved', /resolved/],
    ] as const) {
      await panel.button(button).click();
      await expect(page.getByRole('dialog', { name: dialogName })).toBeVisible();
      await axeEveryVariant(page, `${button} dialog`, found);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    }

    // The resolve warning (SOP-CX-004) inside its dialog.
    await tab.goto(urlOf(standin.url, C.refundPending));
    await expect(panel.heading()).toContainText('CX Escalation');
    await panel.button('Mark Resolved').click();
    await expect(page.getByRole('dialog').getByRole('alert')).toBeVisible();
    await axeEveryVariant(page, 'resolve warning', found);
    await page.keyboard.press('Escape');

    // No suggestion: the panel says why and points to Escalate.
    await tab.goto(urlOf(standin.url, C.noCustomerMessage));
    await expect(page.getByText(/No suggested reply/)).toBeVisible();
    await axeEveryVariant(page, 'no suggestion', found);

    // An error instead of the conversation (a conversation Dana may not open).
    await tab.goto(urlOf(standin.url, C.restricted));
    await expect(page.getByRole('alert').first()).toBeVisible();
    await axeEveryVariant(page, 'error', found);

    // The queue.
    await tab.goto(`${standin.url}/app/accounts/1/conversations`);
    await expect(panel.queue()).toBeVisible();
    await expect(panel.queue().getByRole('listitem').first()).toBeVisible();
    await axeEveryVariant(page, 'queue', found);
    await shoot(page, 'queue');

    // The decision log.
    await panel.button('Decision log').click();
    await expect(page.getByRole('heading', { name: 'Decision log', level: 1 })).toBeVisible();
    await axeEveryVariant(page, 'decision log', found);
    await panel.button('Triage').click();

    // A failed send in Pending actions, with its toasts.
    await tab.goto(urlOf(standin.url, C.p2Refund));
    await panel.approve();
    const outbox = page.getByRole('region', { name: 'Pending actions' });
    await expect(outbox).toContainText('Failed');
    await expect(page.locator('.toast-error').first()).toBeVisible();
    await axeEveryVariant(page, 'failed action and error toast', found, {
      ready: async (locale) =>
        expect(outbox.or(page.getByRole('region', { name: 'Actions en attente' }))).toContainText(
          locale === 'fr' ? 'Échec' : 'Failed',
        ),
    });

    // Mock mode: the samples and one of them.
    await page.getByRole('switch', { name: 'Mock mode' }).check();
    await expect(panel.heading()).toHaveText('Sample conversations');
    await axeEveryVariant(page, 'mock mode samples', found);
    await page.getByRole('button', { name: /Olivia Bennett/ }).click();
    await expect(panel.heading()).toHaveText('CX Escalation — Olivia Bennett');
    await axeEveryVariant(page, 'mock mode conversation', found);
    await page.getByRole('switch', { name: 'Mock mode' }).uncheck();
  } finally {
    await close();
  }
  expect(found).toEqual([]);
});

test('panel before setup: EN and FR, light and dark — zero axe violations', async ({
  context,
  extensionId,
  cdpPort,
}) => {
  const found: Violation[] = [];
  const { panel, close } = await openRealSidePanel(context, extensionId, cdpPort, 'about:blank');
  try {
    await expect(panel.heading()).toHaveText('Connect to Chatwoot');
    await axeEveryVariant(panel.page, 'not configured', found);
  } finally {
    await close();
  }
  expect(found).toEqual([]);
});

test('options: empty, invalid, signed in and failed — EN and FR, light and dark, zero axe violations', async ({
  context,
  options,
  standin,
}) => {
  test.setTimeout(180_000);
  const found: Violation[] = [];
  const page = options.page;
  await page.setViewportSize({ width: 760, height: 1000 });
  await options.open();
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
  await axeEveryVariant(page, 'options, first run', found);

  // Every field wrong: the summary and each field's message.
  await page.getByLabel('Use an access token').check();
  await page.getByLabel('SLA minutes').fill('0');
  await page.getByRole('button', { name: 'Save and check sign-in' }).click();
  await expect(page.getByRole('alert')).toContainText('Not saved');
  await axeEveryVariant(page, 'options, invalid fields', found, {
    ready: async (locale) =>
      expect(page.getByRole('alert')).toContainText(
        locale === 'fr' ? 'Non enregistré' : 'Not saved',
      ),
  });

  // A refused token.
  await page.getByLabel('Chatwoot URL').fill(standin.url);
  await page.getByLabel('SLA minutes').fill('30');
  await page.getByLabel('Access token', { exact: true }).fill('not-a-token');
  await page.getByRole('button', { name: 'Save and check sign-in' }).click();
  await expect(page.getByRole('alert')).toContainText('refused the access token');
  await axeEveryVariant(page, 'options, sign-in failed', found);

  // Signed in (the Chatwoot dashboard in another tab gives the session).
  const dashboard = await context.newPage();
  await dashboard.goto(`${standin.url}/app/accounts/1/conversations`);
  await page.bringToFront();
  await page.getByLabel('Use my Chatwoot session').check();
  await page.getByRole('button', { name: 'Save and check sign-in' }).click();
  await expect(options.signedIn()).toContainText('account “Acme Support”');
  await axeEveryVariant(page, 'options, signed in', found, {
    ready: async (locale) =>
      expect(
        page.getByText(locale === 'fr' ? /Connecté en tant que/ : /Signed in as/),
      ).toBeVisible(),
  });
  await shoot(page, 'options');
  expect(found).toEqual([]);
});

test('reflow: panel and options at 320 px and at 200 % zoom, no sideways scrolling', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  test.setTimeout(90_000);
  const { panel, tab, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    urlOf(standin.url, C.p1Tracking),
  );
  const page = panel.page;
  const problems: string[] = [];
  const check = async (state: string) => {
    for (const locale of LOCALES) {
      await setLocale(page, locale);
      for (const p of await overflow(page)) problems.push(`${state} [${locale}]: ${p}`);
    }
    await setLocale(page, 'en');
  };
  try {
    await expect(panel.suggestedReply()).toBeVisible();
    await page.setViewportSize({ width: 320, height: 640 });
    await check('conversation at 320 px');
    await panel.button('Escalate to Manager').click();
    await check('escalate dialog at 320 px');
    await page.keyboard.press('Escape');
    await zoom200(page, 640, 1280);
    await check('conversation, 640 px at 200 %');
    // The French Approve label (31 characters) wraps instead of overflowing.
    await setLocale(page, 'fr');
    const approve = page.getByRole('button', { name: 'Approuver et envoyer la réponse' });
    await expect(approve).toBeVisible();
    expect((await approve.boundingBox())!.width).toBeLessThanOrEqual(320);
    await setLocale(page, 'en');
    await tab.goto(`${standin.url}/app/accounts/1/conversations`);
    await expect(panel.queue()).toBeVisible();
    await check('queue, 640 px at 200 %');
    await panel.button('Decision log').click();
    await check('decision log, 640 px at 200 %');
  } finally {
    await close();
  }
  const optionsPage = await context.newPage();
  await optionsPage.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(optionsPage.getByText(/Signed in as|Step 1/).first()).toBeVisible();
  await optionsPage.setViewportSize({ width: 320, height: 800 });
  for (const p of await overflow(optionsPage)) problems.push(`options at 320 px: ${p}`);
  await zoom200(optionsPage, 1280, 1600);
  for (const p of await overflow(optionsPage)) problems.push(`options, 1280 px at 200 %: ${p}`);
  expect(problems).toEqual([]);
});

test('reduced motion is honoured; toasts are live regions, errors are alerts', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  const { panel, tab, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    urlOf(standin.url, C.p1Tracking),
  );
  const page = panel.page;
  try {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await panel.resolve();
    const toast = page.getByText('Conversation marked resolved.');
    await expect(toast).toBeVisible();
    // The news toast sits in a polite live region; nothing moves.
    await expect(toast.locator('xpath=..')).toHaveAttribute('aria-live', 'polite');
    expect(await toast.evaluate((el) => getComputedStyle(el).animationName)).toBe('none');

    await page.emulateMedia({ reducedMotion: 'no-preference' });
    standin.faults.add({ method: 'POST', path: '/toggle_status$', kind: 'status', status: 404 });
    await tab.goto(urlOf(standin.url, C.p2Refund));
    await expect(panel.heading()).toHaveText('CX Escalation — Priya Shah');
    await panel.resolve();
    const error = page.locator('.toast-error').first();
    await expect(error).toBeVisible();
    await expect(error.locator('xpath=..')).toHaveAttribute('role', 'alert');
    // Without the preference, the toast does animate in (so the check above means something).
    expect(await error.evaluate((el) => getComputedStyle(el).animationName)).toBe('toast-in');
  } finally {
    await close();
  }
});

test('one-click connect, the log as cards at 360 px and in a tab: EN and FR, light and dark — zero axe violations', async ({
  context,
  extensionId,
  cdpPort,
  standin,
}) => {
  test.setTimeout(240_000);
  const found: Violation[] = [];
  // Unconfigured, beside a Chatwoot dashboard: the connect offer.
  const { panel, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    urlOf(standin.url, C.p1Tracking),
  );
  const page = panel.page;
  try {
    await page.setViewportSize({ width: 360, height: 720 });
    const connect = page.getByRole('button', { name: /^Connect to http/ });
    await axeEveryVariant(page, 'connect offered', found, {
      ready: async (locale) =>
        expect(
          locale === 'fr' ? page.getByRole('button', { name: /^Se connecter à/ }) : connect,
        ).toBeVisible(),
    });
    await connect.click();
    await expect(panel.suggestedReply()).toBeVisible();
    await axeEveryVariant(page, 'just connected', found);
    await panel.approve();
    await expect(page.getByText('Reply sent to James Carter.')).toBeVisible();

    // The log's cards, one opened.
    await panel.button('Decision log').click();
    await page.locator('summary', { hasText: 'Details' }).first().click();
    await expect(page.getByText(/^Reply: /).first()).toBeVisible();
    expect(await overflow(page)).toEqual([]);
    await axeEveryVariant(page, 'log cards at 360 px', found);

    // The same log in a tab.
    const [logTab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: 'Open in a tab' }).click(),
    ]);
    await expect(logTab.getByRole('columnheader', { name: 'Operator' })).toBeVisible();
    await axeEveryVariant(logTab, 'log page', found, {
      ready: async (locale) =>
        expect(logTab.getByRole('heading', { level: 1 })).toHaveText(
          locale === 'fr' ? 'Journal des décisions' : 'Decision log',
        ),
    });
  } finally {
    await close();
  }
  expect(found).toEqual([]);
});

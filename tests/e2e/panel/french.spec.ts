import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import {
  CHROMIUM,
  EXTENSION_PATH,
  expect,
  extensionIdOf,
  openRealSidePanel,
  test,
} from '../fixtures';
import { conversationState } from '../standin-state';
import { SEED } from '../../standin/seed';

// The French run (issue 7): a person picks Français in the options; options, panel, dialogs,
// toasts, errors, numbers and dates follow; templates stay in English for French conversations
// until the French versions are turned on.

const C = SEED.conversations;
const urlOf = (base: string, id: number) => `${base}/app/accounts/1/conversations/${id}`;

test('French: options, panel, actions, errors, numbers and dates', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  options,
  chatwoot,
}) => {
  test.setTimeout(90_000);
  standin.faults.add({ method: 'POST', path: '/toggle_status$', kind: 'status', status: 404 });
  await chatwoot.openInbox();
  const dashboard = chatwoot.page;

  // Options: the language override, chosen and saved like any setting.
  const page = options.page;
  await options.open();
  await page.getByLabel('Chatwoot URL').fill(standin.url);
  await page.getByLabel('Language').selectOption({ label: 'Français' });
  await page.getByRole('button', { name: 'Save and check sign-in' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page).toHaveTitle('Escalades CX — Paramètres');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Escalades CX — Paramètres');
  await expect(
    page.getByText('Connecté en tant que Dana Agent (dana@acme.test) — compte « Acme Support ».'),
  ).toBeVisible();
  // French number format in the SLA hint (1 440, with a narrow no-break space).
  await expect(page.getByText(/de 1 à 1\u202f440\./)).toBeVisible();
  // Validation messages in French.
  await page.getByLabel('Minutes de SLA').fill('2000');
  await page.getByRole('button', { name: 'Enregistrer et vérifier' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Saisissez un nombre entier de minutes, de 1 à 1\u202f440.',
  );
  await expect(page.getByLabel('Minutes de SLA')).toHaveAttribute('aria-invalid', 'true');

  const { panel, tab, close } = await openRealSidePanel(
    context,
    extensionId,
    cdpPort,
    urlOf(standin.url, C.p1Tracking),
  );
  const p = panel.page;
  try {
    await expect(p.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(panel.heading()).toHaveText('Escalade CX — James Carter');
    await expect(p.getByText('Priorité', { exact: true })).toBeVisible();
    // Hours and minutes, never rounded down to whole hours.
    const hoursMinutes = String.raw`\d+[\u00a0\u202f]h( \d+[\u00a0\u202f]min)?`;
    await expect(
      p.getByText(new RegExp(String.raw`^SLA : Dépassé \(il y a ${hoursMinutes}\)$`)),
    ).toBeVisible();
    await expect(p.getByText('SLA dépassé', { exact: true })).toBeVisible();
    await expect(
      p.getByText(new RegExp(String.raw`^Dernier message : il y a ${hoursMinutes}$`)),
    ).toBeVisible();
    // The clock in use (the customer waiting), on a 24-hour clock, French style; with the day
    // when it started before today's midnight (a run just after midnight).
    await expect(
      p.getByText(/^Horloge SLA : client en attente depuis (\d{1,2} \S+ (à )?)?\d\d:\d\d$/),
    ).toBeVisible();
    // "Statut :" with French spacing before the colon (drawn by CSS after the term).
    const status = p.getByRole('term').filter({ hasText: 'Statut' });
    expect(await status.evaluate((el) => getComputedStyle(el, '::after').content)).toBe(
      '"\u202f:"',
    );
    const approve = p.getByRole('button', { name: 'Approuver et envoyer la réponse' });
    await expect(approve).toHaveAttribute('title', 'Raccourci : Alt+A');
    await expect(p.getByRole('button', { name: 'Escalader au gestionnaire' })).toBeVisible();
    await expect(p.getByRole('button', { name: 'Marquer comme résolu' })).toBeVisible();

    // Approve, in French, with its confirmation and toasts.
    await approve.click();
    const dialog = p.getByRole('dialog', { name: 'Envoyer cette réponse à James Carter ?' });
    await dialog.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await expect(p.getByText('Réponse envoyée à James Carter.')).toBeVisible();
    await expect(p.getByText("Décision enregistrée dans le journal d'audit.")).toBeVisible();
    // What reached Chatwoot is the template as written (English: French versions are off).
    expect(conversationState(standin, C.p1Tracking).replies.at(-1)).toMatch(
      /^Appreciate you reaching out, James Carter\./,
    );

    // A failure in French: the toast and the pending action.
    await p.getByRole('button', { name: 'Marquer comme résolu' }).click();
    await p.getByRole('dialog').getByRole('button', { name: 'Résoudre', exact: true }).click();
    const outbox = p.getByRole('region', { name: 'Actions en attente' });
    await expect(outbox).toContainText('Échec');
    await expect(outbox).toContainText('Chatwoot ne trouve pas cette conversation.');
    await expect(p.getByRole('button', { name: 'Réessayer' })).toBeVisible();

    // A French conversation: English template until the French versions are turned on.
    await tab.goto(urlOf(standin.url, C.frenchPending));
    await expect(panel.suggestedReply()).toBeHidden(); // its name is French now
    const suggestion = p.getByRole('region', { name: 'Réponse suggérée' });
    await expect(suggestion).toContainText("I'm sorry for the trouble, Camille Bernard.");

    const frenchTemplates = page.getByLabel(
      'Utiliser les versions françaises pour les conversations en français',
    );
    // Only an administrator of the account changes the templates (issue 10): Dana is an agent.
    await expect(frenchTemplates).toBeDisabled();
    await expect(
      page.getByText(/Seul un administrateur de « Acme Support » dans Chatwoot peut modifier/),
    ).toBeVisible();
    const dana = standin.state.accountUsers.find(
      (au) => au.userId === SEED.agent.id && au.accountId === SEED.accountId,
    )!;
    dana.role = 'administrator'; // made the team's lead in Chatwoot: read again on reload
    await page.reload();
    await frenchTemplates.check();
    await expect(frenchTemplates).toBeChecked();
    // An open suggestion is not swapped under the operator: the next visit gets the French one.
    await tab.goto(urlOf(standin.url, C.p1Tracking));
    await expect(panel.heading()).toHaveText('Escalade CX — James Carter');
    await tab.goto(urlOf(standin.url, C.frenchPending));
    await expect(suggestion).toContainText('Je suis désolé pour ce désagrément, Camille Bernard.');

    // The decision log: French dates (day/month/year, 24 h).
    await p.getByRole('button', { name: 'Journal des décisions' }).click();
    await expect(p.getByRole('heading', { name: 'Journal des décisions', level: 1 })).toBeVisible();
    await expect(
      p
        .getByRole('table')
        .getByText(/\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d/)
        .first(),
    ).toBeVisible();
    // French Excel splits on ";": the export defaults to it in a French panel.
    await expect(p.getByLabel('Format du fichier')).toHaveValue(';');

    // The queue: French counts and relative times.
    await p.getByRole('button', { name: 'Tri', exact: true }).click();
    await tab.goto(`${standin.url}/app/accounts/1/conversations`);
    const queue = p.getByRole('region', { name: "File d'escalade" });
    await expect(queue).toContainText(/\d+ P1 · \d+ P2 · \d+ P3 · \d+ relances?/);
    await expect(queue).toContainText(
      /SLA : Dépassé \(il y a \d+[\u00a0\u202f](j|h|min)( \d+[\u00a0\u202f](h|min))?\)/,
    );
    await expect(queue).toContainText('Horloge SLA : client en attente');
  } finally {
    await close();
    await dashboard.close();
  }
});

test('a French browser: French by default, and the manifest words come from _locales', async ({
  standin,
}) => {
  standin.reset();
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_PATH, 'manifest.json'), 'utf8'));
  expect(manifest).toMatchObject({
    name: '__MSG_ext_name__',
    description: '__MSG_ext_description__',
    default_locale: 'en',
    action: { default_title: '__MSG_ext_action_title__' },
    commands: { _execute_action: { description: '__MSG_ext_command_open__' } },
  });
  // A French Chrome: its UI language (chrome.i18n, the manifest) and navigator.language (pages).
  const context = await chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'fr-FR',
    args: [
      `--disable-extensions-except=${EXTENSION_PATH}`,
      `--load-extension=${EXTENSION_PATH}`,
      '--lang=fr',
      '--no-sandbox',
    ],
  });
  try {
    await extensionIdOf(context);
    const isOptions = (p: { url(): string }) => p.url().endsWith('/options.html');
    await expect.poll(() => context.pages().some(isOptions), { timeout: 10_000 }).toBe(true);
    const page = context.pages().find(isOptions)!;
    // Language "auto" (nothing chosen yet) follows the browser.
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Escalades CX — Paramètres');
    await expect(page.getByLabel('Langue', { exact: true })).toHaveValue('auto');
    const words = await page.evaluate(() => {
      const { chrome } = globalThis as unknown as {
        chrome: { i18n: { getMessage(name: string, subs?: string[]): string } };
      };
      return {
        name: chrome.i18n.getMessage('ext_name'),
        command: chrome.i18n.getMessage('ext_command_open'),
        sent: chrome.i18n.getMessage('sent', ['Jeanne']),
      };
    });
    expect(words).toEqual({
      name: 'Escalades CX pour Chatwoot',
      command: 'Ouvrir le panneau Escalades CX',
      sent: 'Réponse envoyée à Jeanne.',
    });
  } finally {
    await context.close();
  }
});

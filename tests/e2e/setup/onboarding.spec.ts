import { readFileSync, writeFileSync } from 'node:fs';
import { expect, extensionIdOf, freePort, launchWithExtension, test } from '../fixtures';
import { SEED } from '../../standin/seed';

// Onboarding (issue 7): the first run opens the options page, which walks through the Chatwoot
// URL, the sign-in check (who, which account), SLA minutes, language and mock mode, each field
// with its own message; then settings go out and come back in as a JSON file.

test('first run: the options page opens and walks through the five steps', async ({ standin }) => {
  standin.reset();
  const context = await launchWithExtension(await freePort());
  try {
    await extensionIdOf(context);
    // Opened by the extension itself on install (lib/background/main.ts), not by the test.
    const isOptions = (p: { url(): string }) => p.url().endsWith('/options.html');
    await expect.poll(() => context.pages().some(isOptions), { timeout: 10_000 }).toBe(true);
    const page = context.pages().find(isOptions)!;
    await expect(
      page.getByRole('heading', { name: 'Welcome: connect the panel in five steps' }),
    ).toBeVisible();
    await expect(page.getByRole('heading', { level: 2 })).toContainText([
      'Welcome',
      'Step 1: Your Chatwoot',
      'Step 2: Sign-in check',
      'Step 3: Response time (SLA)',
      'Step 4: Language',
      'Step 5: Mock mode, for demos and training',
    ]);

    // Every field wrong at once: a summary, each field its own message, focus on the first.
    const url = page.getByLabel('Chatwoot URL');
    await url.fill('chat example');
    await page.getByLabel('Use an access token').check();
    await page.getByLabel('SLA minutes').fill('1441');
    await page.getByRole('button', { name: 'Save and check sign-in' }).click();
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('Not saved. Fix these fields:');
    await expect(summary.getByRole('listitem')).toHaveText([
      'This is not a web address. Example: https://chat.example.org.',
      'Paste your access token, or choose “Use my Chatwoot session”.',
      'Enter a whole number of minutes from 1 to 1,440.',
    ]);
    await expect(url).toBeFocused();
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await expect(url).toHaveAccessibleDescription(/This is not a web address/);
    await expect(page.getByLabel('Access token', { exact: true })).toHaveAccessibleDescription(
      /Paste your access token/,
    );
    await expect(page.getByLabel('SLA minutes')).toHaveAccessibleDescription(
      /Enter a whole number of minutes from 1 to 1,440/,
    );
    // The summary's links take you to the field.
    await summary.getByRole('link', { name: /Enter a whole number/ }).click();
    await expect(page).toHaveURL(/#.*-sla$/);

    // Fixed: the sign-in check says who is signed in, to which account, and what comes next.
    await url.fill(standin.url);
    await page.getByLabel('Access token', { exact: true }).fill(SEED.agentToken);
    await page.getByLabel('SLA minutes').fill('45');
    await expect(page.getByRole('alert')).toHaveCount(0); // messages clear as fields are fixed
    await page.getByRole('button', { name: 'Save and check sign-in' }).click();
    await expect(
      page.getByText('Signed in as Dana Agent (dana@acme.test) — account “Acme Support”.'),
    ).toBeVisible();
    await expect(page.getByText(/All set\. .*Alt\+Shift\+E/)).toBeVisible();
    await expect(page.getByLabel('Access token', { exact: true })).toHaveValue(''); // not kept here
    // Steps 4 and 5 are there to use.
    await expect(page.getByLabel('Language')).toHaveValue('auto');
    await expect(page.getByRole('switch', { name: 'Mock mode' })).not.toBeChecked();
  } finally {
    await context.close();
  }
});

test('settings export and import: a JSON file, no token, checked before anything changes', async ({
  options,
  standin,
}, testInfo) => {
  const page = options.page;
  await options.open();
  await options.signInWithToken(standin.url, SEED.agentToken);
  await expect(options.signedIn()).toBeVisible();
  await page.getByLabel('SLA minutes').fill('50');
  await page.getByLabel('Access token', { exact: true }).fill(SEED.agentToken);
  await page.getByRole('button', { name: 'Save and check sign-in' }).click();
  await expect(options.signedIn()).toBeVisible();

  // Export: a download, with the settings and the templates, and nothing secret.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export settings' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^cx-escalations-settings-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = readFileSync((await download.path())!, 'utf8');
  expect(exported).not.toContain(SEED.agentToken);
  const file = JSON.parse(exported);
  expect(file).toMatchObject({
    kind: 'cx-escalations-settings',
    version: 1,
    settings: { chatwootUrl: standin.url, authMode: 'token', slaMinutes: 50, locale: 'auto' },
  });
  await expect(
    page.getByText(`Settings exported to ${download.suggestedFilename()}.`),
  ).toBeVisible();

  // A broken file: a clear message, nothing changed.
  const broken = testInfo.outputPath('broken.json');
  writeFileSync(broken, JSON.stringify({ ...file, settings: { ...file.settings, slaMinutes: 0 } }));
  await page.getByLabel('Settings file (JSON)').setInputFiles(broken);
  await page.getByRole('button', { name: 'Import settings' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'broken.json is not a CX Escalations settings file: settings.slaMinutes. Nothing was changed.',
  );
  await expect(page.getByLabel('SLA minutes')).toHaveValue('50');

  // The same file, edited: French, SLA 20, and the form shows it.
  const edited = testInfo.outputPath('team.json');
  writeFileSync(
    edited,
    JSON.stringify({ ...file, settings: { ...file.settings, slaMinutes: 20, locale: 'fr' } }),
  );
  await page.getByLabel('Settings file (JSON)').setInputFiles(edited);
  await page.getByRole('button', { name: 'Import settings' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(
    page.getByText('Réglages importés depuis team.json. Enregistrez pour vérifier la connexion.'),
  ).toBeVisible();
  await expect(page.getByLabel('Minutes de SLA')).toHaveValue('20');
  await expect(page.getByLabel('Langue', { exact: true })).toHaveValue('fr');
});

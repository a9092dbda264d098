import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext } from '@playwright/test';
import { OptionsPage, expect, openRealSidePanel, test, type Panel } from '../fixtures';
import { conversationState, loggedDecisions as decisions } from '../standin-state';
import { SEED } from '../../standin/seed';
import type { Standin } from '../../standin/server';

// Issue 10: the team's template library (options page), canned responses imported from
// Chatwoot, and Chatwoot's own AI draft beside the template in the REAL side panel.

const C = SEED.conversations;
const urlOf = (base: string, id: number) => `${base}/app/accounts/1/conversations/${id}`;

/** A fresh options page (the `signedIn` fixture closed the one it used). */
async function openOptions(context: BrowserContext, extensionId: string) {
  const options = new OptionsPage(await context.newPage(), extensionId);
  await options.open();
  return options;
}

/** The template library section of the options page, as a lead uses it. */
function library(options: OptionsPage) {
  const section = options.page.getByRole('region', { name: 'Reply templates' });
  return {
    section,
    item: (label: string) =>
      section
        .getByRole('listitem')
        .filter({ has: options.page.getByRole('heading', { name: label, exact: true }) }),
    editor: () => section.getByRole('form'),
    status: () => section.locator('[aria-live="polite"]'),
  };
}

function aiCard(panel: Panel) {
  return panel.page.getByRole('region', { name: 'AI draft (Chatwoot)' });
}

/** Requests that concern Chatwoot's AI: the integrations list and the hook's drafts. */
function aiRequests(standin: Standin) {
  return standin.requests.list().filter((r) => /\/integrations\//.test(r.path));
}

test.describe('template library and AI drafts', () => {
  test.beforeEach(async ({ signedIn: _signedIn }) => undefined);

  test('a lead adds a template with cue words; an agent gets it suggested with its cue and sends it', async ({
    context,
    extensionId,
    cdpPort,
    standin,
  }) => {
    // The lead: an administrator of the account in Chatwoot (Sam, with his access token).
    const options = await openOptions(context, extensionId);
    await options.signInWithToken(standin.url, SEED.adminToken);
    await expect(options.signedIn()).toContainText(SEED.admin.email);
    const lib = library(options);
    await lib.section.getByRole('button', { name: 'Add a template' }).click();
    const editor = lib.editor();
    await editor.getByLabel('Label').fill('Store hours');
    // Only known variables: an unknown one is named, and there is no preview.
    await editor.getByLabel('Text').fill('Hi {{name}}, we open at {{hours}}.');
    await expect(
      editor.getByText('Unknown variable {{hours}}: only {{name}}, {{agent}} can be filled in.'),
    ).toBeVisible();
    await expect(editor.getByLabel('Text')).toHaveAttribute('aria-invalid', 'true');
    await expect(editor.getByText('Fix the text to see the preview.')).toBeVisible();
    await editor
      .getByLabel('Text')
      .fill('Hi {{name}}, our Paris store opens 10:00 to 19:00, Monday to Saturday. {{agent}}');
    await editor.getByLabel('Cue words').fill('opening hours, store hours');
    // Live preview with the sample customer and agent.
    await expect(
      editor.getByRole('region', { name: 'Preview for Alex Martin, signed by Sam' }),
    ).toContainText(
      'Hi Alex Martin, our Paris store opens 10:00 to 19:00, Monday to Saturday. Sam',
    );
    expect((await new AxeBuilder({ page: options.page }).analyze()).violations).toEqual([]);
    await editor.getByRole('button', { name: 'Save template' }).click();
    await expect(lib.status()).toHaveText('Template “Store hours” saved.');
    await expect(lib.item('Store hours')).toContainText('Cue words: opening hours, store hours');

    // The agent signs in on this browser (Dana, her Chatwoot session): she cannot change it.
    await options.signInWithSession(standin.url);
    await expect(options.signedIn()).toContainText(SEED.agent.name);
    await expect(lib.section.getByText(/You are an agent there/)).toBeVisible();
    await expect(lib.item('Store hours').getByRole('button', { name: 'Edit' })).toBeDisabled();

    // The agent's conversation: "can you tell me your opening hours for the Paris store?"
    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      urlOf(standin.url, C.noneFresh),
    );
    try {
      const expected =
        'Hi Ahmed Khan, our Paris store opens 10:00 to 19:00, Monday to Saturday. Dana Agent';
      await expect(panel.suggestedReply()).toContainText(expected);
      await expect(panel.suggestedReply()).toContainText(
        'Chosen because: Team cue "opening hours" in the customer\'s latest message (template "Store hours")',
      );
      // The AI draft is offered, and nothing about AI is asked until the agent clicks.
      const ask = aiCard(panel).getByRole('button', { name: 'Draft with Chatwoot AI' });
      await expect(ask).toBeVisible();
      expect(aiRequests(standin)).toEqual([]);
      // The stand-in has no AI integration: said once, then nothing about AI for this account.
      await ask.click();
      await expect(aiCard(panel)).toContainText('Chatwoot’s AI is not set up for this account');
      expect(aiRequests(standin).map((r) => r.path)).toEqual([
        `/api/v1/accounts/${SEED.accountId}/integrations/apps`,
      ]);

      await panel.approve();
      await expect(panel.page.getByText('Reply sent to Ahmed Khan.')).toBeVisible();
      expect(conversationState(standin, C.noneFresh).replies).toContain(expected);
      const [record] = await decisions(context, extensionId);
      expect(record).toMatchObject({
        suggestedTemplate: 'custom:store-hours',
        replyBody: expected,
        edited: false,
        replySource: 'template',
        syncState: 'sent',
      });
    } finally {
      await close();
    }
  });

  test('an agent sees the library read-only and why; an administrator, or a trainer in mock mode, edits', async ({
    context,
    extensionId,
    standin,
  }) => {
    const options = await openOptions(context, extensionId); // Dana, an agent of Acme Support
    const lib = library(options);
    await expect(
      lib.section.getByText(
        'Only an administrator of “Acme Support” in Chatwoot can change the templates. You are an agent there, so they are shown read-only.',
      ),
    ).toBeVisible();
    for (const name of ['Add a template', 'Import from Chatwoot', 'Reset to defaults']) {
      await expect(lib.section.getByRole('button', { name })).toBeDisabled();
    }
    const edits = lib.section.getByRole('button', { name: 'Edit' });
    await expect(edits).toHaveCount(6);
    for (const edit of await edits.all()) await expect(edit).toBeDisabled();
    await expect(
      lib.section.getByLabel('Use the French versions for French conversations'),
    ).toBeDisabled();
    await expect(lib.section.getByRole('button', { name: 'Delete' })).toHaveCount(0);
    expect((await new AxeBuilder({ page: options.page }).analyze()).violations).toEqual([]);

    // Made an administrator in Chatwoot: the role is read again when the page opens.
    const dana = standin.state.accountUsers.find(
      (au) => au.userId === SEED.agent.id && au.accountId === SEED.accountId,
    )!;
    dana.role = 'administrator';
    await options.page.reload();
    await expect(lib.section.getByRole('button', { name: 'Add a template' })).toBeEnabled();
    await expect(lib.section.getByText(/You are an agent there/)).toHaveCount(0);

    // Back to agent; mock mode has no Chatwoot: its sample operator is an administrator.
    dana.role = 'agent';
    await options.page.reload();
    await expect(lib.section.getByText(/You are an agent there/)).toBeVisible();
    await options.page.getByRole('switch', { name: 'Mock mode' }).check();
    await expect(lib.section.getByRole('button', { name: 'Add a template' })).toBeEnabled();
  });

  test('canned responses are imported from Chatwoot by short code and refreshed when they change', async ({
    context,
    extensionId,
    standin,
  }) => {
    const now = standin.clock.now().getTime();
    standin.state.cannedResponses.push({
      id: 99,
      accountId: SEED.accountId,
      shortCode: 'email_us',
      content: 'We wrote to {{contact.email}}.',
      createdAt: now,
      updatedAt: now,
    });
    const options = await openOptions(context, extensionId);
    await options.signInWithToken(standin.url, SEED.adminToken); // a lead imports
    await expect(options.signedIn()).toContainText(SEED.admin.email);
    const lib = library(options);
    await lib.section.getByRole('button', { name: 'Import from Chatwoot' }).click();
    const list = lib.section.getByRole('region', { name: 'Canned responses in Chatwoot' });
    await expect(list.getByRole('checkbox', { name: 'refund_offer' })).toBeVisible();
    // A variable the extension cannot fill is named, and the response cannot be picked.
    await expect(list.getByRole('checkbox', { name: 'email_us' })).toBeDisabled();
    await expect(
      list.getByText(/Cannot be imported: Unknown variable \{\{contact\.email\}\}/),
    ).toBeVisible();

    expect((await new AxeBuilder({ page: options.page }).analyze()).violations).toEqual([]);
    await list.getByLabel('Search by short code or text').fill('greet');
    await list.getByRole('button', { name: 'Search' }).click();
    await expect(list.getByRole('checkbox')).toHaveCount(1);
    await list.getByRole('checkbox', { name: 'greeting' }).check();
    await list.getByRole('button', { name: 'Add selected (1)' }).click();
    await expect(lib.status()).toContainText('Templates added from Chatwoot: 1.');
    const item = lib.item('greeting');
    await expect(item).toContainText('From Chatwoot: greeting');
    await expect(item).toContainText('Hello {{name}}, how can I help you today?');

    // Someone changes it in Chatwoot; Refresh imported brings the new text and says so.
    const canned = standin.state.cannedResponses.find((r) => r.shortCode === 'greeting')!;
    canned.content = 'Hi {{contact.name}}, what can we do for you today?';
    canned.updatedAt = now + 60_000;
    await lib.section.getByRole('button', { name: 'Refresh imported' }).click();
    await expect(lib.status()).toHaveText('Updated from Chatwoot: “greeting”.');
    await expect(item).toContainText('Hi {{name}}, what can we do for you today?');
    await lib.section.getByRole('button', { name: 'Refresh imported' }).click();
    await expect(lib.status()).toHaveText('Imported templates are up to date with Chatwoot.');

    // Deleting and resetting each ask first; Cancel changes nothing.
    await item.getByRole('button', { name: 'Delete' }).click();
    const remove = options.page.getByRole('dialog', { name: 'Delete “greeting”?' });
    await remove.getByRole('button', { name: 'Cancel' }).click();
    await expect(remove).toHaveCount(0);
    await expect(item).toHaveCount(1);
    await item.getByRole('button', { name: 'Delete' }).click();
    await remove.getByRole('button', { name: 'Delete' }).click();
    await expect(lib.status()).toHaveText('Template “greeting” deleted.');
    await expect(item).toHaveCount(0);
    await lib.section.getByRole('button', { name: 'Reset to defaults' }).click();
    const reset = options.page.getByRole('dialog', { name: 'Reset the templates?' });
    await reset.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(lib.status()).toHaveText('Templates reset to defaults.');
    await expect(lib.section.getByRole('button', { name: 'Refresh imported' })).toHaveCount(0);
  });

  test("Chatwoot's AI draft is offered beside the template, sent only after the same confirmation, and logged as AI", async ({
    context,
    extensionId,
    cdpPort,
    standin,
  }) => {
    standin.config({ aiEnabled: true });
    const { panel, close } = await openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      urlOf(standin.url, C.p2Refund),
    );
    try {
      const template =
        "I'm sorry for the trouble, Priya Shah. I can refund this immediately or offer store credit—let me know what works best.";
      await expect(panel.suggestedReply()).toContainText(template);
      const card = aiCard(panel);
      // Nothing goes to the AI until the agent asks.
      await expect(card).toContainText('Nothing is sent to it until you ask.');
      expect(aiRequests(standin)).toEqual([]);
      await card.getByRole('button', { name: 'Draft with Chatwoot AI' }).click();
      await expect(card).toContainText(
        'Hi Priya Shah, thanks for your message about your refund or return',
      );
      await expect(card).toContainText('Written by Chatwoot’s AI');
      const draft = (await card.locator('.reply-text').textContent()) ?? '';
      expect(conversationState(standin, C.p2Refund).replies).not.toContain(draft);

      expect((await new AxeBuilder({ page: panel.page }).analyze()).violations).toEqual([]);
      await card.getByRole('button', { name: 'Use this draft' }).click();
      await expect(panel.suggestedReply()).toContainText(draft);
      await expect(panel.suggestedReply()).toContainText(
        'This reply is Chatwoot’s AI draft, not the template.',
      );
      // Nothing is sent until the operator confirms.
      expect(conversationState(standin, C.p2Refund).replies).not.toContain(draft);
      await panel.button('Approve & Send Reply').click();
      const dialog = panel.page.getByRole('dialog', { name: 'Send this reply to Priya Shah?' });
      await expect(dialog).toContainText('This reply is Chatwoot’s AI draft');
      await expect(dialog).toContainText('AI-written');
      await expect(dialog).toContainText(draft);
      await dialog.getByRole('button', { name: 'Send reply' }).click();
      await expect(panel.page.getByText('Reply sent to Priya Shah.')).toBeVisible();
      expect(
        conversationState(standin, C.p2Refund).replies.filter((r) => r === draft),
      ).toHaveLength(1);

      const [record] = await decisions(context, extensionId);
      expect(record).toMatchObject({
        suggestedTemplate: 'refund_offer',
        suggestedBody: draft,
        replyBody: draft,
        replySource: 'ai',
        edited: false,
      });
      // The decision log row says the AI draft was sent.
      await panel.button('Decision log').click();
      const row = panel.page.getByRole('row').filter({ hasText: `#${C.p2Refund}` });
      await expect(row).toContainText('(AI draft)');
    } finally {
      await close();
    }
  });
});

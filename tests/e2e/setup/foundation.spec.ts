import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { EXTENSION_PATH, expect, openRealSidePanel, test } from '../fixtures';
import { SEED } from '../../standin/seed';

test('the built manifest declares the side panel, the worker and no blanket host access', () => {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_PATH, 'manifest.json'), 'utf8'));
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.side_panel.default_path).toBe('sidepanel.html');
  expect(manifest.background.service_worker).toBe('background.js');
  expect(manifest.permissions).toEqual(
    expect.arrayContaining(['sidePanel', 'storage', 'alarms', 'scripting', 'cookies']),
  );
  expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  // The e2e build pre-grants only local origins; the content script is registered at run time.
  expect(manifest.host_permissions).toEqual(['http://localhost/*', 'http://127.0.0.1/*']);
});

test('the built manifest names icons at 16, 32, 48 and 128 px, for the extension and the toolbar', () => {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_PATH, 'manifest.json'), 'utf8'));
  const sizes = (set: Record<string, string>) =>
    Object.entries(set).map(([size, file]) => {
      const png = readFileSync(path.join(EXTENSION_PATH, file));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // IHDR width and height: the file is drawn at the size it is declared for.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
      return Number(size);
    });
  expect(sizes(manifest.icons)).toEqual([16, 32, 48, 128]);
  expect(sizes(manifest.action.default_icon)).toEqual([16, 32]);
  expect(manifest.permissions).toContain('activeTab');
  expect(manifest.permissions).not.toContain('tabs');
});

test('options: signs in with the Chatwoot session and says who is signed in', async ({
  options,
  chatwoot,
  standin,
}) => {
  await chatwoot.openInbox();
  await options.open();
  await options.signInWithSession(standin.url);
  await expect(options.page.getByText('Signed in as Dana Agent (dana@acme.test)')).toBeVisible();
});

test('options: a bad token, then a good one', async ({ options, standin }) => {
  await options.open();
  await options.signInWithToken(standin.url, 'not-a-token');
  await expect(options.page.getByRole('alert')).toContainText('refused the access token');
  await options.signInWithToken(standin.url, SEED.agentToken);
  await expect(options.page.getByText('Signed in as Dana Agent (dana@acme.test)')).toBeVisible();
});

test('options: a site that is not Chatwoot, and one that does not answer, are told apart', async ({
  options,
}) => {
  // Some other web site: every path answers a 200 HTML page.
  const site = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const { port } = site.address() as AddressInfo;
  try {
    await options.open();
    await options.signInWithToken(`http://127.0.0.1:${port}`, SEED.agentToken);
    await expect(options.page.getByRole('alert')).toContainText(
      'does not look like a Chatwoot instance',
    );
  } finally {
    site.close();
  }
  await options.signInWithToken(`http://127.0.0.1:${port}`, SEED.agentToken); // now closed
  await expect(options.page.getByRole('alert')).toContainText('Could not reach Chatwoot');
});

test('the REAL side panel shows the open conversation and follows SPA navigation', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  const url = `${standin.url}/app/accounts/1/conversations/${SEED.conversations.p1Tracking}`;
  const { panel, tab, close } = await openRealSidePanel(context, extensionId, cdpPort, url);
  try {
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');
    await expect(panel.priority()).toContainText('P1');
    await expect(panel.suggestedReply()).toContainText(
      'Appreciate you reaching out, James Carter. Your order is with our carrier',
    );
    await expect(panel.button('Approve & Send Reply')).toBeVisible();
    await expect(panel.button('Escalate to Manager')).toBeVisible();
    await expect(panel.button('Mark Resolved')).toBeVisible();

    // An SPA click in Chatwoot's inbox list: pushState, no page load.
    await tab.locator(`a[href$="/conversations/${SEED.conversations.noneFresh}"]`).first().click();
    await expect(panel.heading()).toHaveText('CX Escalation — Ahmed Khan');
    await expect(panel.priority()).toContainText('No priority');
    await expect(panel.suggestedReply()).toContainText('Hi Ahmed Khan, thanks for your patience.');
    await panel.page.screenshot({ path: 'docs/screenshots/side-panel.png' });
  } finally {
    await close();
  }
});

// `npm start`: the product against the local Chatwoot stand-in. Builds the extension pointed
// at the stand-in, starts it with its seed data, and opens Chromium on the stand-in's inbox with
// the side panel open. Without a display: says so, and `npm start -- --headless` runs the same
// thing headless and saves screenshots.
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startStandin } from '../tests/standin/server';
// @ts-expect-error plain ESM helper shared with the e2e script
import { ensureChromium } from './ensure-chromium.mjs';

const args = new Set(process.argv.slice(2));
const headless = args.has('--headless');
const port = Number(process.env.PORT ?? 3000);

async function main() {
  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!headless && !hasDisplay) {
    console.log(
      [
        'No display found (DISPLAY is not set), so Chromium cannot open a window here.',
        'Run it headless instead, which saves screenshots of the inbox and the side panel:',
        '    npm start -- --headless',
        'or start a virtual display first:  xvfb-run -a npm start',
      ].join('\n'),
    );
    process.exit(2);
  }
  const executablePath: string = ensureChromium();

  const standin = await startStandin({ port, host: '127.0.0.1' });
  console.log(`Chatwoot stand-in on ${standin.url} (agent: Dana Agent, dana@acme.test)`);

  console.log('Building the extension pointed at the stand-in…');
  execSync('npx wxt build --mode demo', {
    stdio: 'inherit',
    env: { ...process.env, WXT_CHATWOOT_URL: standin.url },
  });
  const extensionPath = path.resolve('.output/chrome-mv3-demo');
  const cdpPort = port + 1;

  const context = await chromium.launchPersistentContext('', {
    executablePath,
    headless,
    viewport: null,
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      `--remote-debugging-port=${cdpPort}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;

  // Open the real side panel (it needs a gesture from an extension page), then the inbox.
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: {
        windows: { getCurrent(): Promise<{ id?: number }> };
        sidePanel: { open(o: { windowId: number }): Promise<void> };
      };
    };
    const win = await chrome.windows.getCurrent();
    await chrome.sidePanel.open({ windowId: win.id! });
  });
  await page.goto(`${standin.url}/app/accounts/1/conversations/2`);
  console.log(
    `Chromium is open on ${standin.url}/app/accounts/1/conversations/2 with the side panel.`,
  );

  if (headless) {
    mkdirSync('.screenshots', { recursive: true });
    await page.screenshot({ path: '.screenshots/chatwoot.png' });
    const cdp = await chromium.connectOverCDP(`http://127.0.0.1:${cdpPort}`);
    const panel = cdp
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => p.url().endsWith('/sidepanel.html'));
    if (panel) {
      await panel.getByRole('heading', { level: 1 }).waitFor();
      await panel.screenshot({ path: '.screenshots/side-panel.png' });
    }
    console.log('Screenshots saved in .screenshots/ (chatwoot.png, side-panel.png).');
    await cdp.close();
    await context.close();
    await standin.close();
    return;
  }
  console.log('Close the browser window (or press Ctrl+C) to stop.');
  context.on('close', () => void standin.close().then(() => process.exit(0)));
  process.on('SIGINT', () => void context.close());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

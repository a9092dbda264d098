import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { EXTENSION_PATH, expect, openRealSidePanel, test } from '../fixtures';
import { SEED } from '../../standin/seed';
import { conversationState } from '../standin-state';

// Issue 9, "who can see what": credentials stay in the background; a content script and the
// page cannot get them; every message is validated and its sender checked; the manifest asks
// for the least; no remote code.

/** Runs code in the extension's content-script world of `page` (found over CDP), as the
 * detector script itself could. */
async function contentScriptWorld(context: BrowserContext, page: Page, extensionId: string) {
  const cdp = await context.newCDPSession(page);
  const worlds: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context: c }) => worlds.push(c));
  await cdp.send('Runtime.enable');
  let world: (typeof worlds)[number] | undefined;
  await expect
    .poll(() => {
      world = worlds.find(
        (w) => w.auxData?.type === 'isolated' && w.origin === `chrome-extension://${extensionId}`,
      );
      return !!world;
    }, 'the content script runs on this page')
    .toBe(true);
  return async <T>(expression: string): Promise<T> => {
    const result = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world!.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (result.exceptionDetails) {
      throw new Error(result.exceptionDetails.exception?.description ?? 'evaluation failed');
    }
    return result.result.value as T;
  };
}

/** `chrome.runtime.sendMessage(message)` in that world; a rejection comes back as {thrown}. */
const sendFromWorld = (message: unknown) =>
  `chrome.runtime.sendMessage(${JSON.stringify(message)}).then((r) => r ?? null, (e) => ({ thrown: String(e) }))`;

const SECRETS = [
  SEED.agentToken,
  SEED.adminToken,
  SEED.agentSession.accessToken,
  SEED.agentSession.client,
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test('the manifest asks for the least, sets a strict CSP, and the build loads no remote code', () => {
  const manifest = JSON.parse(readFileSync(path.join(EXTENSION_PATH, 'manifest.json'), 'utf8'));
  expect([...manifest.permissions].sort()).toEqual(
    // activeTab: one-click connect sees the tab the toolbar button was clicked on; notifications:
    // a lead's alerts (docs/STORE.md).
    ['activeTab', 'alarms', 'cookies', 'notifications', 'scripting', 'sidePanel', 'storage'].sort(),
  );
  expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  // The store build grants no host; e2e and demo builds grant only local origins.
  for (const host of manifest.host_permissions ?? []) {
    expect(host).toMatch(/^http:\/\/(localhost|127\.0\.0\.1)\/\*$/);
  }
  expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  // No page, no other extension can message it; no file is exposed to web pages.
  expect(manifest.externally_connectable).toBeUndefined();
  expect(manifest.web_accessible_resources).toBeUndefined();
  expect(manifest.content_scripts ?? []).toEqual([]);

  const csp: string = manifest.content_security_policy?.extension_pages ?? '';
  const directives = Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
  expect(directives['script-src']).toEqual(["'self'"]);
  expect(directives['object-src']).toEqual(["'none'"]);
  expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);

  const files = filesUnder(EXTENSION_PATH);
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    const html = readFileSync(file, 'utf8');
    const sources = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length, file).toBeGreaterThan(0);
    for (const src of sources) expect(src, file).toMatch(/^\/[\w./-]+\.js$/);
    expect(html, `${file}: inline script`).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  }
  const remoteLoad = /(?:importScripts\s*\(|import\s*\(|\.src\s*=)\s*["'`]https?:\/\//;
  for (const file of files.filter((f) => f.endsWith('.js'))) {
    expect(readFileSync(file, 'utf8'), file).not.toMatch(remoteLoad);
  }
  expect(files.filter((f) => f.endsWith('.wasm'))).toEqual([]);
});

test('the access token lives only in the background: not in chrome.storage, not in reach of the content script or the page', async ({
  context,
  extensionId,
  options,
  chatwoot,
  standin,
}) => {
  await options.open();
  await options.signInWithToken(standin.url, SEED.agentToken);
  await expect(options.signedIn()).toBeVisible();

  // Where it is: the extension's IndexedDB (kv), which only extension pages and the worker open.
  const stored = await options.page.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: typeof import('wxt/browser').Browser };
    const areas = {
      local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null),
      sync: await chrome.storage.sync.get(null),
    };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('cx-escalations');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const kv = await new Promise<{ key: string; value: unknown }[]>((resolve, reject) => {
      const req = db.transaction('kv', 'readonly').objectStore('kv').getAll();
      req.onsuccess = () => resolve(req.result as { key: string; value: unknown }[]);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return { areas: JSON.stringify(areas), kv };
  });
  expect(stored.kv).toContainEqual({ key: `token:${standin.url}`, value: SEED.agentToken });
  expect(stored.areas).toContain(standin.url); // the settings are there…
  expect(stored.areas).not.toContain(SEED.agentToken); // …the token is not

  // The Chatwoot page itself: no extension API to call at all.
  await chatwoot.openConversation(SEED.conversations.p1Tracking);
  const page = await chatwoot.page.evaluate(async (id) => {
    const g = globalThis as { chrome?: { runtime?: unknown } };
    const manifest = await fetch(`chrome-extension://${id}/manifest.json`).then(
      () => 'readable',
      () => 'blocked',
    );
    return { runtime: typeof g.chrome?.runtime, manifest };
  }, extensionId);
  expect(page).toEqual({ runtime: 'undefined', manifest: 'blocked' });

  // The content script's world: storage.local holds no secret, storage.session is closed,
  // and the background answers it only `page/location`.
  const world = await contentScriptWorld(context, chatwoot.page, extensionId);
  const local = await world<string>(
    'chrome.storage.local.get(null).then((v) => JSON.stringify(v))',
  );
  const session = await world<string>(
    'chrome.storage.session.get(null).then((v) => "readable: " + JSON.stringify(v), (e) => "refused: " + e.message)',
  );
  const apis = await world<Record<string, string>>(
    `({ cookies: typeof chrome.cookies, tabs: typeof chrome.tabs, windows: typeof chrome.windows })`,
  );
  const databases = await world<string[]>(
    'indexedDB.databases().then((list) => list.map((d) => d.name))',
  );
  const ask = async (type: string, payload: unknown) =>
    world<unknown>(sendFromWorld({ type, payload }));
  const replies = {
    conversation: await ask('conversation/get', { accountId: 1, conversationId: 2 }),
    queue: await ask('queue/get', {}),
    outbox: await ask('outbox/list', {}),
    settings: await ask('settings/save', {
      chatwootUrl: 'https://evil.example',
      authMode: 'token',
      token: 'attacker',
    }),
    submit: await ask('action/submit', {
      action: 'chatwoot.approve_send',
      accountId: 1,
      conversationId: 2,
      replyBody: 'Sent by a content script',
      suggestedTemplate: 'ack_delay',
      suggestedBody: '',
      note: null,
      customerName: null,
    }),
    location: await ask('page/location', { url: chatwoot.page.url() }),
  };
  const everything = JSON.stringify({ local, session, replies });
  for (const secret of SECRETS) expect(everything).not.toContain(secret);
  expect(JSON.parse(local).settings?.chatwootUrl ?? JSON.parse(local)).toBeTruthy();
  expect(session).toMatch(/^refused: .*not allowed/i);
  expect(apis).toEqual({ cookies: 'undefined', tabs: 'undefined', windows: 'undefined' });
  expect(databases).not.toContain('cx-escalations');
  expect(replies).toEqual({
    conversation: { protocolError: 'content scripts may not send conversation/get' },
    queue: { protocolError: 'content scripts may not send queue/get' },
    outbox: { protocolError: 'content scripts may not send outbox/list' },
    settings: { protocolError: 'content scripts may not send settings/save' },
    submit: { protocolError: 'content scripts may not send action/submit' },
    location: { ok: true },
  });
  // Nothing was sent and the settings still point at the real Chatwoot.
  expect(conversationState(standin, 2).replies).not.toContain('Sent by a content script');
  const extensionPage = await context.newPage();
  await extensionPage.goto(`chrome-extension://${extensionId}/options.html`);
  const settings = await extensionPage.evaluate(() =>
    (
      globalThis as unknown as { chrome: typeof import('wxt/browser').Browser }
    ).chrome.storage.local.get('settings'),
  );
  expect(JSON.stringify(settings)).toContain(standin.url);
  expect(JSON.stringify(settings)).not.toContain('evil.example');
});

test('senders are checked: a content script on another origin is refused, and no content script can fake a background event', async ({
  context,
  extensionId,
  cdpPort,
  standin,
  signedIn: _signedIn,
}) => {
  // Another site on the same host (so the host permission pattern matches) but another port:
  // the detector is injected there too, and the background must not believe it.
  const other = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Other app</body></html>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const { port } = other.address() as AddressInfo;
  const url = `${standin.url}/app/accounts/1/conversations/${SEED.conversations.p1Tracking}`;
  const { panel, tab, close } = await openRealSidePanel(context, extensionId, cdpPort, url);
  try {
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');

    const stranger = await context.newPage();
    await stranger.goto(`http://localhost:${port}/app/accounts/1/conversations/8`);
    // The detector is registered for http://localhost/* (match patterns have no port).
    const strangerWorld = await contentScriptWorld(context, stranger, extensionId);
    const reply = await strangerWorld<unknown>(
      sendFromWorld({ type: 'page/location', payload: { url: stranger.url() } }),
    );
    expect(reply).toEqual({ protocolError: 'content script from an unconfigured origin' });
    await stranger.close();

    // The real Chatwoot tab's content script sends something shaped like a background event.
    await tab.bringToFront();
    const world = await contentScriptWorld(context, tab, extensionId);
    const ids = await panel.page.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: typeof import('wxt/browser').Browser;
      };
      const win = await chrome.windows.getCurrent();
      const [active] = await chrome.tabs.query({ active: true, windowId: win.id });
      return { windowId: win.id!, tabId: active!.id! };
    });
    await world(
      sendFromWorld({
        event: 'context/changed',
        context: { ...ids, origin: standin.url, accountId: 1, conversationId: 8 },
      }),
    );
    await panel.page.waitForTimeout(1_000);
    await expect(panel.heading()).toHaveText('CX Escalation — James Carter');

    // A real navigation still moves the panel: the refusal above is about the sender.
    await tab.locator(`a[href$="/conversations/${SEED.conversations.noneFresh}"]`).first().click();
    await expect(panel.heading()).toHaveText('CX Escalation — Ahmed Khan');
  } finally {
    other.close();
    await close();
  }
});

test('every request is validated: an extension page sending wrong types or unknown fields gets a protocol error', async ({
  context,
  extensionId,
  signedIn: _signedIn,
}) => {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const replies = await page.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: typeof import('wxt/browser').Browser };
    const send = (message: unknown) =>
      chrome.runtime.sendMessage(message).then(
        (r: unknown) => r ?? null,
        (e: unknown) => ({ thrown: String(e) }),
      );
    return {
      wrongType: await send({
        type: 'conversation/get',
        payload: { accountId: '1; drop table', conversationId: 2 },
      }),
      negative: await send({
        type: 'conversation/get',
        payload: { accountId: 1, conversationId: -2 },
      }),
      missing: await send({ type: 'action/submit', payload: { action: 'chatwoot.escalate' } }),
      unknownAction: await send({
        type: 'action/submit',
        payload: { action: 'chatwoot.delete_everything', accountId: 1, conversationId: 2 },
      }),
      badRequestId: await send({
        type: 'action/submit',
        payload: {
          action: 'chatwoot.mark_resolved',
          requestId: '../../etc',
          accountId: 1,
          conversationId: 2,
          note: null,
        },
      }),
      notAnEnvelope: await send('conversation/get'),
      unknownType: await send({ type: 'debug/dump-credentials', payload: {} }),
    };
  });
  for (const key of [
    'wrongType',
    'negative',
    'missing',
    'unknownAction',
    'badRequestId',
  ] as const) {
    expect(replies[key], key).toEqual({ protocolError: expect.stringMatching(/^invalid /) });
  }
  // Not a request at all: no handler answers (the promise settles with nothing).
  expect(replies.notAnEnvelope).toBeNull();
  expect(replies.unknownType).toBeNull();
});

test('a Chatwoot URL that redirects API calls elsewhere never hands the token to the other origin', async ({
  options,
}) => {
  // "Chatwoot" answers every API call with a redirect to a collector on another origin.
  const seen: string[] = [];
  const collector = createServer((req, res) => {
    seen.push(JSON.stringify(req.headers));
    res.writeHead(200, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'access-control-allow-headers': '*',
    });
    res.end('{}');
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const collectorPort = (collector.address() as AddressInfo).port;
  const redirector = createServer((req, res) => {
    res.writeHead(307, { location: `http://localhost:${collectorPort}${req.url}` }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
  const port = (redirector.address() as AddressInfo).port;
  try {
    await options.open();
    await options.signInWithToken(`http://127.0.0.1:${port}`, SEED.agentToken);
    await expect(options.page.getByRole('alert')).toContainText(
      'does not look like a Chatwoot instance',
    );
    expect(seen.join('\n')).not.toContain(SEED.agentToken);
  } finally {
    collector.close();
    redirector.close();
  }
});

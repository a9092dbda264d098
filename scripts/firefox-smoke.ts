// Firefox smoke test of the Firefox build (not in `npm test`: it needs Firefox ≥ 138, e.g.
// Debian's firefox-esr). Drives stock Firefox over WebDriver BiDi (no Playwright build of
// Firefox here):
//   npm run build:firefox -- --mode e2e   (→ .output/firefox-mv3-e2e)
//   node --experimental-websocket --import tsx scripts/firefox-smoke.ts [extension dir]
// It installs the build as a temporary add-on, signs in from the options page against the
// Chatwoot stand-in, and checks the background follows Chatwoot's pushState navigation (the
// Firefox-only webNavigation path, lib/background/firefox.ts). Exit code 0 = all checks passed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEED } from '../tests/standin/seed';
import { startStandin } from '../tests/standin/server';

const EXTENSION = path.resolve(process.argv[2] ?? '.output/firefox-mv3-e2e');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ADDON_ID = 'cx-escalations@example.org';
const UUID = '6f1c2a9e-4b7d-4c1e-9a53-2d8e0f7b3c41'; // pinned, so the pages' URLs are known
const BASE = `moz-extension://${UUID}`;
const PORT = 9200 + Math.floor(Math.random() * 500);

interface BidiReply {
  id?: number;
  type?: string;
  result?: Record<string, unknown>;
  error?: string;
  message?: string;
}

class Bidi {
  private next = 1;
  private waiting = new Map<number, (reply: BidiReply) => void>();
  constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const reply = JSON.parse(String(event.data)) as BidiReply;
      if (reply.id !== undefined) this.waiting.get(reply.id)?.(reply);
    });
  }
  static async connect(url: string): Promise<Bidi> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve);
      socket.addEventListener('error', reject);
    });
    return new Bidi(socket);
  }
  async send(method: string, params: object): Promise<Record<string, unknown>> {
    const id = this.next++;
    if (process.env.DEBUG) console.log('→', method, JSON.stringify(params).slice(0, 120));
    const reply = await new Promise<BidiReply>((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
    if (reply.type === 'error') throw new Error(`${method}: ${reply.error} ${reply.message}`);
    return reply.result ?? {};
  }
  close() {
    this.socket.close();
  }
}

async function retry<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000) {
  const until = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await fn().catch(() => undefined);
    if (last !== undefined && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: last seen ${JSON.stringify(last)}`);
}

const checks: string[] = [];
function pass(text: string) {
  checks.push(text);
  console.log(`✔ ${text}`);
}

const standin = await startStandin({ port: 0, quiet: true });
const profile = mkdtempSync(path.join(tmpdir(), 'cx-firefox-'));
writeFileSync(
  path.join(profile, 'user.js'),
  [
    'user_pref("xpinstall.signatures.required", false);',
    `user_pref("extensions.webextensions.uuids", ${JSON.stringify(JSON.stringify({ [ADDON_ID]: UUID }))});`,
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
  ].join('\n'),
);
const firefox = spawn(
  FIREFOX,
  ['--headless', '--no-remote', '--profile', profile, `--remote-debugging-port=${PORT}`],
  {
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
let failed = false;
try {
  const bidi = await retry(
    'Firefox remote agent',
    () => Bidi.connect(`ws://127.0.0.1:${PORT}/session`),
    () => true,
  );
  await bidi.send('session.new', { capabilities: {} });
  const installed = await bidi.send('webExtension.install', {
    extensionData: { type: 'path', path: EXTENSION },
  });
  pass(`installed ${String(installed.extension)} from ${EXTENSION}`);

  // The first run opens the options page (onboarding): BiDi may not navigate to moz-extension:
  // URLs, but it can drive the page the extension opened.
  const contexts = async () =>
    (await bidi.send('browsingContext.getTree', {})).contexts as { context: string; url: string }[];
  const optionsTab = await retry('the options page the first run opens', contexts, (list) =>
    list.some((c) => c.url.startsWith(`${BASE}/options.html`)),
  );
  const options = optionsTab.find((c) => c.url.startsWith(`${BASE}/options.html`))!.context;
  pass('first run opened the options page');
  const tab = String((await bidi.send('browsingContext.create', { type: 'window' })).context);
  const evaluate = async (context: string, expression: string) => {
    const result = await bidi.send('script.evaluate', {
      expression,
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
    });
    const value = result.result as { type: string; value?: unknown };
    if (result.type === 'exception') throw new Error(JSON.stringify(result.exceptionDetails));
    return value.value;
  };
  const go = (context: string, url: string) =>
    bidi.send('browsingContext.navigate', { context, url, wait: 'none' });

  // The Chatwoot dashboard (signs the agent in: its session cookie), in the first tab.
  await go(tab, `${standin.url}/app/accounts/1/conversations/${SEED.conversations.p1Tracking}`);

  // The onboarding form, then Save.
  const heading = await retry(
    'options page heading',
    () => evaluate(options, 'document.querySelector("h1")?.textContent ?? null'),
    (v) => typeof v === 'string' && v.length > 0,
  );
  pass(`options page renders: “${String(heading)}”`);
  await evaluate(
    options,
    `(() => {
      const input = document.querySelector('input[type=url]');
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, ${JSON.stringify(standin.url)});
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return true;
    })()`,
  );
  await new Promise((r) => setTimeout(r, 300));
  await evaluate(options, `document.querySelector('button[type=submit]').click(), true`);
  const signedIn = await retry(
    'sign-in check',
    () =>
      evaluate(options, `document.querySelector('.notice-ok, [role=alert]')?.textContent ?? null`),
    (v) => typeof v === 'string' && v.length > 0,
  );
  if (!String(signedIn).includes('Signed in as Dana Agent'))
    throw new Error(`options: ${String(signedIn)}`);
  pass(`options sign-in check: “${String(signedIn)}”`);

  // The background answers the panel's protocol, and follows SPA navigation in the Chatwoot tab.
  const contextOfChatwoot = () =>
    evaluate(
      options,
      `(async () => {
        const wins = await browser.windows.getAll({ populate: true });
        const w = wins.find((x) => x.tabs.some((t) => (t.url || '').startsWith(${JSON.stringify(standin.url)})));
        const reply = await browser.runtime.sendMessage({ type: 'context/get', payload: { windowId: w.id } });
        return JSON.stringify(reply.context);
      })()`,
    );
  // The content script was registered at Save: reload the tab so it runs there.
  await go(tab, `${standin.url}/app/accounts/1/conversations/${SEED.conversations.p1Tracking}`);
  await retry(
    'context of the Chatwoot tab',
    contextOfChatwoot,
    (v) => typeof v === 'string' && v.includes(`"conversationId":${SEED.conversations.p1Tracking}`),
  );
  pass(`background knows the open conversation (#${SEED.conversations.p1Tracking})`);
  await evaluate(
    tab,
    `document.querySelector('a[href$="/conversations/${SEED.conversations.noneFresh}"]').click(), true`,
  );
  await retry(
    'context after pushState',
    contextOfChatwoot,
    (v) => typeof v === 'string' && v.includes(`"conversationId":${SEED.conversations.noneFresh}`),
  );
  const navigationApi = await evaluate(tab, 'typeof navigation');
  pass(
    `background follows pushState navigation (#${SEED.conversations.noneFresh}; the page's Navigation API: ${String(navigationApi)})`,
  );

  // The sidebar page renders (as a tab here: the sidebar itself is browser UI).
  await evaluate(options, `location.href = ${JSON.stringify(`${BASE}/sidepanel.html`)}, true`);
  const panelHeading = await retry(
    'sidebar page',
    () =>
      evaluate(
        options,
        'location.pathname.endsWith("/sidepanel.html") ? document.querySelector("h1")?.textContent ?? null : null',
      ),
    (v) => typeof v === 'string' && v.length > 0,
  );
  pass(`sidebar page renders: “${String(panelHeading)}”`);
  bidi.close();
} catch (error) {
  failed = true;
  console.error(`✘ ${(error as Error).message}`);
} finally {
  firefox.kill();
  await standin.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(
  failed ? 'Firefox smoke test FAILED' : `Firefox smoke test passed (${checks.length} checks)`,
);
process.exit(failed ? 1 : 0);

// The bench's realtime part (issue 17), run by scripts/bench.ts (alone with `--only live`):
// - Chatwoot event → the open panel shows it: the stand-in writes a customer message (the same
//   change Chatwoot broadcasts on /cable), the panel's MutationObserver stamps the moment its
//   text is in the DOM; median and p95, with the socket and without it (/cable answers 404,
//   the panel polls every 15 s);
// - API calls per minute while idle with a panel open and the socket live.
import type { Page } from '@playwright/test';
import { performance } from 'node:perf_hooks';
import { check, summarize, type BudgetCheck, type Summary } from '../bench/stats';
import type { Standin } from '../tests/standin/server';

export interface LiveOptions {
  samples: number;
  fallbackSamples: number;
  idleSeconds: number;
}

export interface LiveResults {
  withSocket: Summary;
  withoutSocket: Summary;
  idle: { seconds: number; apiCalls: string[]; perMinute: number };
  samples: { withSocket: number[]; withoutSocket: number[] };
  clockOffsetMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const wallNow = () => performance.timeOrigin + performance.now();

// In the panel: resolves with `timeOrigin + now()` when `.latest-message` holds `marker`.
const WAIT_JS = `(({ marker, timeoutMs }) => new Promise((resolve, reject) => {
  const seen = () => document.querySelector('.latest-message')?.textContent?.includes(marker);
  const stamp = () => performance.timeOrigin + performance.now();
  if (seen()) return resolve(stamp());
  const observer = new MutationObserver(() => {
    if (seen()) { observer.disconnect(); clearTimeout(timer); resolve(stamp()); }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  const timer = setTimeout(() => { observer.disconnect(); reject(new Error('not shown: ' + marker)); }, timeoutMs);
}))`;

async function offsetOf(page: Page): Promise<number> {
  let best = { offset: 0, half: Infinity };
  for (let i = 0; i < 15; i++) {
    const a = wallNow();
    const p = await page.evaluate(() => performance.timeOrigin + performance.now());
    const b = wallNow();
    if ((b - a) / 2 < best.half) best = { offset: p - (a + b) / 2, half: (b - a) / 2 };
  }
  return best.offset;
}

/** One sample: the customer writes; how long until the panel shows it (ms). */
async function sample(
  standin: Standin,
  panel: Page,
  displayId: number,
  offset: number,
  timeoutMs: number,
): Promise<number> {
  const marker = `bench-live-${Math.random().toString(36).slice(2, 10)}`;
  const shown = panel.evaluate(`${WAIT_JS}(${JSON.stringify({ marker, timeoutMs })})`);
  await sleep(20); // the observer is in place
  const t0 = wallNow();
  standin.customerMessage(displayId, `Still waiting (${marker})`);
  return ((await shown) as number) - offset - t0;
}

/** The API calls the stand-in logged since `mark` (an index into its request log). */
export function apiSince(standin: Standin, mark: number): string[] {
  return standin.requests
    .list()
    .slice(mark)
    .filter((r) => r.path.startsWith('/api/'))
    .map((r) => `${r.method} ${r.path}${r.query}`);
}

/** The panel must already show conversation `displayId` of account 1. */
export async function measureLive(input: {
  standin: Standin;
  panel: Page;
  displayId: number;
  opts: LiveOptions;
  log: (message: string) => void;
}): Promise<LiveResults> {
  const { standin, panel, displayId, opts, log } = input;
  const status = panel.locator('.live-status');
  await status.filter({ hasText: 'Live' }).waitFor({ timeout: 20_000 });
  const offset = await offsetOf(panel);

  // Each subscription loads the badge's queue once (lib/background/realtime/urgency.ts): the
  // idle window starts once no call has been made for 3 s.
  for (let quiet = 0, seen = -1; quiet < 3;) {
    const n = standin.requests.list().length;
    quiet = n === seen ? quiet + 1 : 0;
    seen = n;
    await sleep(1_000);
  }
  log(`live: ${opts.idleSeconds} s idle with the panel open and the socket live`);
  const mark = standin.requests.list().length;
  await sleep(opts.idleSeconds * 1000);
  const idleCalls = apiSince(standin, mark);

  log(`live: ${opts.samples} events with the socket`);
  const withSocket: number[] = [];
  for (let i = 0; i < opts.samples; i++) {
    withSocket.push(await sample(standin, panel, displayId, offset, 5_000));
    await sleep(150 + Math.random() * 150);
  }

  log(`live: ${opts.fallbackSamples} events without it (/cable answers 404, the panel polls)`);
  standin.cable.configure({ enabled: false });
  await status.filter({ hasText: 'Updates every' }).waitFor({ timeout: 30_000 });
  const withoutSocket: number[] = [];
  for (let i = 0; i < opts.fallbackSamples; i++) {
    await sleep(Math.random() * 15_000); // any moment of the polling period
    withoutSocket.push(await sample(standin, panel, displayId, offset, 40_000));
  }
  standin.cable.configure({ enabled: true });
  await status.filter({ hasText: 'Live' }).waitFor({ timeout: 30_000 });

  return {
    withSocket: summarize(withSocket),
    withoutSocket: summarize(withoutSocket),
    idle: {
      seconds: opts.idleSeconds,
      apiCalls: idleCalls,
      perMinute: Math.round((idleCalls.length / opts.idleSeconds) * 60 * 100) / 100,
    },
    samples: {
      withSocket: withSocket.map((x) => Math.round(x * 10) / 10),
      withoutSocket: withoutSocket.map((x) => Math.round(x)),
    },
    clockOffsetMs: Math.round(offset * 1000) / 1000,
  };
}

export function liveChecks(r: LiveResults): BudgetCheck[] {
  return [
    check(
      'live.socket',
      'Chatwoot event → panel shows it, with the socket, median',
      r.withSocket.median,
      150,
      'ms',
      `p95 ${r.withSocket.p95} ms, n = ${r.withSocket.n}`,
    ),
    check(
      'live.socket.p95',
      'Chatwoot event → panel shows it, with the socket, p95',
      r.withSocket.p95,
      150,
      'ms',
      `max ${r.withSocket.max} ms`,
    ),
    check(
      'live.polling.p95',
      'Chatwoot event → panel shows it, without the socket (polling), p95',
      r.withoutSocket.p95 / 1000,
      16,
      's',
      `median ${(r.withoutSocket.median / 1000).toFixed(1)} s, n = ${r.withoutSocket.n}`,
    ),
    check(
      'live.idle',
      'API calls per minute while idle, panel open, socket live',
      r.idle.perMinute,
      0,
      '',
      `${r.idle.apiCalls.length} in ${r.idle.seconds} s`,
    ),
  ];
}

// The bench's switching figures (issue 21), used by scripts/bench.ts: switches from the Chatwoot
// tab to conversations the panel has never seen (unforeseen), revisits (warm), first visits to
// conversations it fetched ahead (foreseen) and first visits right after the worker was stopped,
// each with its hops from the panel's performance marks; and the Chatwoot calls made ahead.
// Browser-side code is plain JavaScript in strings (see scripts/bench.ts).

import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Page } from '@playwright/test';
import { displayName } from '../lib/sop/templates/templates';
import { AHEAD_CALLS_PER_MINUTE } from '../lib/ahead-budget';
import { check, summarize, type BudgetCheck, type Summary } from '../bench/stats';
import type { Standin } from '../tests/standin/server';
import { apiSince } from './bench-live';
import type { Conversation } from '../tests/standin/types';

export const ACCOUNT = 1;
export const GROUP = 5; // conversations opened, then revisited, per group
export const STOPPED_WORKER_RUNS = 5; // each stop and restart takes ~2 s

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const wallNow = () => performance.timeOrigin + performance.now();

// --- The stand-in's conversations ---------------------------------------------------------

export interface BenchConversation {
  displayId: number;
  name: string;
  url: string;
}

/**
 * Copies of the seeded open/pending conversations the agent can open (so priorities and
 * suggestions vary as in the seed), each with its own contact named `Bench customer N`: the
 * panel is recognised by that name, so two conversations never look alike.
 */
export function addConversations(standin: Standin, count: number): BenchConversation[] {
  const state = standin.state;
  const agentInboxes = new Set(
    state.inboxes
      .filter((i) => i.memberIds.includes(1) && i.accountId === ACCOUNT)
      .map((i) => i.id),
  );
  const sources = state.conversations.filter(
    (c) =>
      c.accountId === ACCOUNT &&
      agentInboxes.has(c.inboxId) &&
      (c.status === 'open' || c.status === 'pending') &&
      c.messages.some((m) => m.messageType === 0 && !m.private && m.content),
  );
  if (sources.length === 0) throw new Error('the stand-in seed has no conversation to copy');
  let id = Math.max(...state.conversations.map((c) => c.id)) + 1;
  let displayId = Math.max(...state.conversations.map((c) => c.displayId)) + 1000;
  let contactId = Math.max(...state.contacts.map((c) => c.id)) + 1;
  const out: BenchConversation[] = [];
  for (let i = 0; i < count; i++) {
    const src = sources[i % sources.length]!;
    const srcContact = state.contacts.find((c) => c.id === src.contactId);
    if (!srcContact) throw new Error(`conversation ${src.displayId} has no contact`);
    const name = `Bench customer ${displayId}`;
    state.contacts.push({ ...structuredClone(srcContact), id: contactId, name });
    const conv: Conversation = {
      ...structuredClone(src),
      id,
      displayId,
      uuid: randomUUID(),
      contactId,
    };
    conv.messages = conv.messages.map((m) => ({
      ...m,
      id: state.nextMessageId++,
      sender: m.sender?.type === 'Contact' ? { type: 'Contact', id: contactId } : m.sender,
    }));
    state.conversations.push(conv);
    out.push({
      displayId,
      name: displayName(name),
      url: `/app/accounts/${ACCOUNT}/conversations/${displayId}`,
    });
    id += 1;
    displayId += 1;
    contactId += 1;
  }
  return out;
}

// --- Side panel: switch latency ------------------------------------------------------------

/** Resolves (in the panel) when the conversation of `name` shows its priority and suggestion. */
const PANEL_WAIT_JS = String.raw`(({ name, timeoutMs }) => {
  const title = 'CX Escalation — ' + name;
  const now = () => performance.timeOrigin + performance.now();
  window.__cxBenchDone = new Promise((resolve, reject) => {
    const ready = () => {
      const h1 = document.querySelector('h1');
      if (!h1 || h1.textContent !== title) return false;
      if (!document.querySelector('[data-priority]')) return false;
      for (const s of document.querySelectorAll('section[aria-labelledby]')) {
        const label = document.getElementById(s.getAttribute('aria-labelledby'));
        if (label && label.textContent.includes('Suggested reply') && s.querySelector('p')) return true;
      }
      return false;
    };
    let timer = 0;
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      const dom = now();
      observer.disconnect();
      clearTimeout(timer);
      let framed = false;
      requestAnimationFrame(() => { framed = true; resolve({ dom, frame: now() }); });
      setTimeout(() => { if (!framed) resolve({ dom, frame: null }); }, 1000);
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    timer = setTimeout(() => {
      observer.disconnect();
      const h1 = document.querySelector('h1');
      reject(new Error('the panel did not show "' + title + '" within ' + timeoutMs + ' ms; it shows "' +
        (h1 ? h1.textContent : document.body.innerText.slice(0, 200)) + '"'));
    }, timeoutMs);
  });
  return true;
})`;

export interface Hops {
  /** pushState → the panel hears the browser's tabs.onUpdated (ms). */
  browserToPanel: number | null;
  /** pushState → the panel hears the content script's page/location (ms). */
  contentToPanel: number | null;
  /** pushState → the worker's context/changed reaches the panel (ms). */
  workerToPanel: number | null;
  /** pushState → the panel sends conversation/get (ms); null when it came from cache. */
  request: number | null;
  /** conversation/get sent → its reply (ms): the worker, Chatwoot (L), the way back. */
  worker: number | null;
  /** The reply (or the page heard, from cache) → the DOM shows it (ms): React's render. */
  render: number | null;
}

export interface SwitchSample {
  conversation: number;
  /** When the switch began (this process's clock, ms). */
  startedAt: number;
  kind: SwitchKind;
  /** pushState in the Chatwoot tab → the panel's DOM shows it (ms). */
  ms: number;
  /** → the start of the next animation frame in the panel (ms), when one came. */
  frameMs: number | null;
  hops: Hops;
  apiCalls: number;
  calls: string[];
}

export type SwitchKind = 'cold' | 'warm' | 'foreseen' | 'stoppedWorker';

/** The panel's marks of the last switch (components/shared/hooks.ts, panel/common/queries.ts). */
const PANEL_MARKS_JS = String.raw`(() => {
  const at = (name) => {
    const m = performance.getEntriesByName(name, 'mark').at(-1);
    return m ? { t: performance.timeOrigin + m.startTime, detail: m.detail ?? null } : null;
  };
  return { browser: at('cx:location:browser'), location: at('cx:location:content'), context: at('cx:context'), fetch: at('cx:fetch'), data: at('cx:data') };
})()`;

type Mark = { t: number; detail: unknown } | null;

async function switchTo(
  tab: Page,
  panel: Page,
  conv: BenchConversation,
  timeoutMs: number,
): Promise<{ ms: number; frameMs: number | null; hops: Hops }> {
  await panel.evaluate(`${PANEL_WAIT_JS}(${JSON.stringify({ name: conv.name, timeoutMs })})`);
  const t0 = await tab.evaluate((url: string) => {
    const t = performance.timeOrigin + performance.now();
    history.pushState({}, '', url);
    return t;
  }, conv.url);
  const shown = (await panel.evaluate('window.__cxBenchDone')) as {
    dom: number;
    frame: number | null;
  };
  const marks = (await panel.evaluate(PANEL_MARKS_JS)) as Record<
    'browser' | 'location' | 'context' | 'fetch' | 'data',
    Mark
  >;
  const since = (m: Mark) => (m && m.t >= t0 ? m.t - t0 : null);
  const mine = (m: Mark) => (m && m.t >= t0 && m.detail === conv.displayId ? m : null);
  const fetch = mine(marks.fetch);
  const data = mine(marks.data);
  const heard = [since(marks.browser), since(marks.location), since(marks.context)].filter(
    (x) => x !== null,
  );
  const from = data ? data.t : heard.length ? t0 + Math.min(...heard) : null;
  return {
    ms: shown.dom - t0,
    frameMs: shown.frame === null ? null : shown.frame - t0,
    hops: {
      browserToPanel: since(marks.browser),
      contentToPanel: since(marks.location),
      workerToPanel: since(marks.context),
      request: fetch ? fetch.t - t0 : null,
      worker: fetch && data ? data.t - fetch.t : null,
      render: from === null ? null : shown.dom - from,
    },
  };
}

/** Offset of a page's `timeOrigin + now()` from this process's, best of 15 round trips. */
async function clockOffset(page: Page): Promise<{ offsetMs: number; uncertaintyMs: number }> {
  let best = { offsetMs: NaN, uncertaintyMs: Infinity };
  for (let i = 0; i < 15; i++) {
    const a = wallNow();
    const p = await page.evaluate(() => performance.timeOrigin + performance.now());
    const b = wallNow();
    if ((b - a) / 2 < best.uncertaintyMs)
      best = { offsetMs: p - (a + b) / 2, uncertaintyMs: (b - a) / 2 };
  }
  return best;
}

/** A call for this conversation (its GET or its messages), not one made ahead for another. */
function ownCall(call: string, displayId: number): boolean {
  return new RegExp(`/conversations/${displayId}(/|$|\\?)`).test(call.split(' ')[1] ?? '');
}

/** Conversations the panel asked for since `mark` (any GET of one conversation). */
function fetchedAhead(standin: Standin, mark: number): Set<number> {
  const ids = new Set<number>();
  for (const r of standin.requests.list().slice(mark)) {
    const m = /\/conversations\/(\d+)$/.exec(r.path);
    if (m && r.method === 'GET') ids.add(Number(m[1]));
  }
  return ids;
}

/** The most calls in any 60 s window (times in ms). */
function maxPerMinute(times: readonly number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= 60_000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

export const HOP_NAMES: Record<keyof Hops, string> = {
  browserToPanel: 'browser → panel (tabs.onUpdated heard)',
  contentToPanel: 'content script → panel (page/location heard)',
  workerToPanel: 'content script → worker → panel (context/changed)',
  request: 'pushState → conversation/get sent',
  worker: 'conversation/get → reply (worker + Chatwoot L)',
  render: 'data (or page heard, from cache) → DOM (React render)',
};

/** Median of each hop per kind of switch (ms). */
export function hopTable(samples: readonly SwitchSample[]) {
  const kinds: SwitchKind[] = ['cold', 'warm', 'foreseen', 'stoppedWorker'];
  return Object.fromEntries(
    kinds.map((k) => [
      k,
      Object.fromEntries(
        (Object.keys(HOP_NAMES) as (keyof Hops)[]).map((h) => {
          const v = samples
            .filter((s) => s.kind === k)
            .flatMap((s) => (s.hops[h] === null ? [] : [s.hops[h]!]));
          return [h, v.length ? summarize(v) : null];
        }),
      ),
    ]),
  ) as Record<SwitchKind, Record<keyof Hops, Summary | null>>;
}

export function startup(h: Record<SwitchKind, Record<keyof Hops, Summary | null>>): string {
  const a = h.stoppedWorker.worker?.median;
  const b = h.cold.worker?.median;
  return a === undefined || b === undefined ? '?' : String(Math.round((a - b) * 10) / 10);
}

export interface SwitchRun {
  standin: Standin;
  tab: Page;
  panel: Page;
  /** In the queue from the start: the panel may fetch them ahead. */
  foreseeable: BenchConversation[];
  /** The seeded conversations (opened by navigation, not ahead). */
  seeded: number[];
  L: number;
  runs: number;
  log: (message: string) => void;
  /** Stops the extension's worker as Chrome does an idle one. */
  stopWorker: () => Promise<void>;
}

export async function measureSwitching(run: SwitchRun) {
  const { standin, tab, panel, foreseeable, seeded, L, runs, log } = run;
  const opts = { runs };
  // Conversations added now are not in the queue the panel has already fetched (it fetches
  // it once, to foresee): nothing can foresee them, so their first visit is cold.
  const unforeseen = addConversations(standin, opts.runs + STOPPED_WORKER_RUNS);
  const stoppedWorkerConvs = unforeseen.splice(opts.runs);
  await sleep(L + 500);
  const tabClock = await clockOffset(tab);
  const panelClock = await clockOffset(panel);
  const samples: SwitchSample[] = [];
  const timeoutMs = Math.max(10_000, 20 * L);
  const visit = async (conv: BenchConversation, kind: SwitchKind | 'first') => {
    const mark = standin.requests.list().length;
    const startedAt = wallNow();
    const r = await switchTo(tab, panel, conv, timeoutMs);
    await sleep(L + 150);
    // The switch's own calls; any other is a call made ahead (counted below).
    const calls = apiSince(standin, mark).filter((c) => ownCall(c, conv.displayId));
    // A first visit with no call of its own was served from what was fetched ahead.
    const as = kind === 'first' ? (calls.length === 0 ? 'foreseen' : 'cold') : kind;
    samples.push({
      ...{ conversation: conv.displayId, startedAt, kind: as, ...r },
      ...{ apiCalls: calls.length, calls },
    });
  };
  log(`switching: ${opts.runs} unforeseen conversations and ${opts.runs} revisits, L = ${L} ms`);
  for (let g = 0; g < unforeseen.length; g += GROUP) {
    const group = unforeseen.slice(g, g + GROUP);
    for (const kind of ['cold', 'warm'] as const) for (const conv of group) await visit(conv, kind);
  }
  // First visits to conversations that were in the queue from the start: those the panel
  // fetched ahead (no call of their own at the switch) are foreseen, the others cold.
  log('switching: first visits to conversations of the queue (foreseen when fetched ahead)');
  const visited = new Set<number>();
  for (let i = 0; i < foreseeable.length; i++) {
    if (samples.filter((x) => x.kind === 'foreseen').length >= opts.runs) break;
    const ahead = fetchedAhead(standin, 0);
    const left = foreseeable.filter((c) => !visited.has(c.displayId));
    const next = left.find((c) => ahead.has(c.displayId)) ?? left[0];
    if (!next) break;
    visited.add(next.displayId);
    await visit(next, 'first');
  }
  // Calls made ahead: a conversation's GETs before its first switch (or with none, never
  // opened by a navigation), and the queue's list pages.
  const firstSwitch = new Map<number, number>();
  for (const x of samples)
    if (!firstSwitch.has(x.conversation)) firstSwitch.set(x.conversation, x.startedAt);
  // The extension's calls only: the Chatwoot tab's own dashboard lists conversations too.
  const aheadCalls = standin.requests.list().filter((r) => {
    if (r.by !== 'extension' || !r.path.startsWith('/api/') || r.method !== 'GET') return false;
    const m = /\/conversations\/(\d+)(\/messages)?$/.exec(r.path);
    if (!m) return /\/conversations$/.test(r.path);
    const id = Number(m[1]);
    if (seeded.includes(id)) return false;
    const opened = firstSwitch.get(id);
    return opened === undefined || Date.parse(r.at) < opened;
  });
  const aheadPerMinute = maxPerMinute(aheadCalls.map((r) => Date.parse(r.at)));
  // A worker Chrome stopped (idle 30 s): the next switch pays its start.
  log(`switching after the worker was stopped: ${stoppedWorkerConvs.length} times`);
  for (const conv of stoppedWorkerConvs) {
    await run.stopWorker();
    await visit(conv, 'stoppedWorker');
  }
  return { samples, aheadCalls, aheadPerMinute, tabClock, panelClock };
}

/** The switching figures and their budgets (issue 21). */
export function switchSummary(sw: Awaited<ReturnType<typeof measureSwitching>>, L: number) {
  const { samples, aheadCalls, aheadPerMinute } = sw;
  const of = (kind: SwitchKind) =>
    summarize(samples.filter((s) => s.kind === kind).map((s) => s.ms));
  const coldS = of('cold');
  const warmS = of('warm');
  const foreseenS = of('foreseen');
  const stoppedS = of('stoppedWorker');
  const hops = hopTable(samples);
  const checks: BudgetCheck[] = [
    check(
      'switch.warm',
      'Warm switch (revisit), median',
      warmS.median,
      17,
      'ms',
      `p95 ${warmS.p95} ms, n = ${warmS.n}`,
    ),
    check(
      'switch.foreseen',
      'Foreseen first visit (fetched ahead), median',
      foreseenS.median,
      17,
      'ms',
      `p95 ${foreseenS.p95} ms, n = ${foreseenS.n}`,
    ),
    check(
      'switch.cold',
      `Unforeseen first visit, median, L = ${L} ms`,
      coldS.median,
      L + 20,
      'ms',
      `p95 ${coldS.p95} ms, n = ${coldS.n}`,
      `≤ L + 20 = ${L + 20} ms`,
    ),
    check(
      'switch.stoppedWorker',
      `First visit after the worker was stopped, median, L = ${L} ms`,
      stoppedS.median,
      L + 100,
      'ms',
      `p95 ${stoppedS.p95} ms, n = ${stoppedS.n}`,
      `≤ L + 100 = ${L + 100} ms`,
    ),
    check(
      'api.ahead',
      'API calls made ahead (foresight), most in any minute',
      aheadPerMinute,
      AHEAD_CALLS_PER_MINUTE,
      '',
      `${aheadCalls.length} in all while switching (${aheadCalls.filter((r) => /\/conversations$/.test(r.path)).length} list pages, ` +
        `${maxPerMinute(aheadCalls.filter((r) => !/\/conversations$/.test(r.path)).map((r) => Date.parse(r.at)))} conversation calls in the busiest minute)`,
    ),
  ];
  return { checks, coldS, warmS, foreseenS, stoppedS, hops };
}

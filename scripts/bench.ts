// `npm run bench` (issue 8): builds the extension, drives it in Chromium against the Chatwoot
// stand-in with a fixed API latency L, and writes bench/results.json + bench/results.md.
// Exit code 1 when a budget fails (the files are written anyway).
//
//   npm run bench -- [--latency 150] [--runs 60] [--rows 100000] [--export-runs 5]
//                    [--queue-seconds 65] [--no-build]
//                    [--only live|team|switch|export] [--live-samples 30] [--live-fallback 6]
//                    [--live-idle 60]
//
// `--only live` measures the realtime figures alone (scripts/bench-live.ts) into bench/out/;
// `--only team` the team log's sync (scripts/bench-team.ts); `--only switch` the switches
// (scripts/bench-switch.ts), `--only export` the decision log (scripts/bench-export.ts), each
// into bench/out/<section>.json with the machine's load average.
//
// A run with fewer than 50 switches, fewer than 100,000 rows or a queue window under 60 s
// writes to bench/out/ instead, so the committed results are always full runs.
//
// How each figure is measured is written next to it in bench/results.md (see `METHOD`).
// Browser-side code is plain JavaScript in strings: tsx wraps named functions in `__name()`,
// which does not exist in the page.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import * as prettier from 'prettier';
import {
  check,
  markdownTable,
  summarize,
  textTable,
  type BudgetCheck,
  type Summary,
} from '../bench/stats';
import { startStandin, type Standin } from '../tests/standin/server';
import {
  apiSince,
  liveChecks,
  measureLive,
  type LiveOptions,
  type LiveResults,
} from './bench-live';
import { exportChecks, exportSummary, measureLog, openBenchPage, seedLog } from './bench-export';
import {
  ACCOUNT,
  GROUP,
  STOPPED_WORKER_RUNS,
  addConversations,
  HOP_NAMES,
  measureSwitching,
  startup,
  switchSummary,
  type Hops,
  type SwitchKind,
} from './bench-switch';
import { AHEAD_CALLS_PER_MINUTE } from '../lib/ahead-budget';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT_DIR = '.output-bench';
const STORE_BUILD = path.join(ROOT, OUT_DIR, 'chrome-mv3');
const RUN_BUILD = path.join(ROOT, OUT_DIR, 'chrome-mv3-e2e');
const ANALYSIS_DIR = path.join(ROOT, OUT_DIR, 'analysis');

interface Options {
  latency: number;
  runs: number;
  rows: number;
  exportRuns: number;
  queueSeconds: number;
  build: boolean;
  only: 'live' | 'team' | 'switch' | 'export' | null;
  live: LiveOptions;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    latency: 150,
    runs: 60,
    rows: 100_000,
    exportRuns: 5,
    queueSeconds: 65,
    build: true,
    only: null,
    live: { samples: 30, fallbackSamples: 6, idleSeconds: 60 },
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [key, inline] = arg.split('=', 2);
    const num = (): number => {
      const v = Number(inline ?? argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${key} needs a number`);
      return v;
    };
    if (key === '--latency') o.latency = num();
    else if (key === '--runs') o.runs = Math.max(GROUP, Math.ceil(num() / GROUP) * GROUP);
    else if (key === '--rows') o.rows = Math.floor(num());
    else if (key === '--export-runs') o.exportRuns = Math.max(1, Math.floor(num()));
    else if (key === '--queue-seconds') o.queueSeconds = num();
    else if (key === '--no-build') o.build = false;
    else if (key === '--only') {
      const only = inline ?? argv[++i];
      if (only !== 'live' && only !== 'team' && only !== 'switch' && only !== 'export')
        throw new Error('--only takes: live, team, switch, export');
      o.only = only;
    } else if (key === '--live-samples') o.live.samples = Math.max(1, Math.floor(num()));
    else if (key === '--live-fallback') o.live.fallbackSamples = Math.max(1, Math.floor(num()));
    else if (key === '--live-idle') o.live.idleSeconds = Math.max(1, num());
    else throw new Error(`Unknown option ${arg}`);
  }
  return o;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const wallNow = () => performance.timeOrigin + performance.now();
const started = wallNow();
function log(message: string) {
  console.log(`[bench ${((wallNow() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`);
}

// --- Builds and bundle sizes ---------------------------------------------------------------

function run(
  cmd: string,
  args: readonly string[],
  env: Record<string, string> = {},
  okCodes: readonly number[] = [0],
): string {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status === null || !okCodes.includes(r.status)) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

function build(): void {
  log('building the store build (npm run build) into .output-bench/chrome-mv3');
  run('npx', ['wxt', 'build'], { WXT_OUT_DIR: OUT_DIR });
  // The same code with the e2e manifest (local origins pre-granted) and production React:
  // `--mode e2e` alone would bundle React's development build (NODE_ENV follows the mode).
  log('building the run build (--mode e2e, NODE_ENV=production) into .output-bench/chrome-mv3-e2e');
  run('npx', ['wxt', 'build', '--mode', 'e2e'], { WXT_OUT_DIR: OUT_DIR, NODE_ENV: 'production' });
}

interface SizeFile {
  file: string;
  raw: number;
  gzip: number;
  lazy: boolean;
}
interface SizeEntry {
  name: string;
  label: string;
  files: SizeFile[];
  raw: number;
  gzip: number;
  budget: number | null;
  ok: boolean | null;
}
interface Sizes {
  folder: string;
  entries: SizeEntry[];
  reactDevelopmentBuild: boolean;
}

function sizesOf(folder: string): Sizes {
  // Exit code 1 = over budget: still sizes to report.
  const out = run('node', ['scripts/check-budgets.mjs', folder, '--json'], {}, [0, 1]);
  return JSON.parse(out) as Sizes;
}

/** JS files that differ between two builds, with the size difference (bytes). */
function codeDifferences(a: string, b: string): { file: string; bytesDelta: number }[] {
  const files = (root: string, dir = ''): string[] =>
    readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => {
      const rel = dir ? `${dir}/${d.name}` : d.name;
      return d.isDirectory() ? files(root, rel) : d.name.endsWith('.js') ? [rel] : [];
    });
  const hash = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
  const all = [...new Set([...files(a), ...files(b)])].sort();
  return all.flatMap((f) => {
    const pa = path.join(a, f);
    const pb = path.join(b, f);
    if (existsSync(pa) && existsSync(pb) && hash(pa) === hash(pb)) return [];
    const size = (p: string) => (existsSync(p) ? readFileSync(p).length : 0);
    return [{ file: f, bytesDelta: size(pb) - size(pa) }];
  });
}

interface Contributor {
  module: string;
  /** Share of the entry point's minified bytes (from source maps). */
  share: number;
  /** That share of the entry point's gzip size (an estimate). */
  approxGzipKB: number;
}

/**
 * What is heavy: a third build with source maps and rollup-plugin-visualizer (WXT's own
 * analysis plugin, here in source-map mode) gives each module's bytes in the minified output
 * files; an entry point's gzip size is split in those proportions (an estimate: modules
 * compress unevenly).
 */
function composition(sizes: Sizes): Record<string, Contributor[]> {
  log('bundle analysis build (what is heavy)');
  rmSync(ANALYSIS_DIR, { recursive: true, force: true });
  mkdirSync(ANALYSIS_DIR, { recursive: true });
  const script = `
    const { build } = await import('wxt');
    const { visualizer } = await import('@aklinker1/rollup-plugin-visualizer');
    let i = 0;
    await build({ mode: 'production', vite: () => ({ build: { sourcemap: true },
      plugins: [visualizer(() => ({ template: 'raw-data', sourcemap: true,
        filename: ${JSON.stringify(ANALYSIS_DIR)} + '/stats-' + i++ + '.json' }))] }) });`;
  run('node', ['--input-type=module', '-e', script], {
    WXT_OUT_DIR: path.join(ANALYSIS_DIR, 'build'),
  });
  const analysed = sizesOf(path.join(ANALYSIS_DIR, 'build/chrome-mv3'));
  const perFile = new Map<string, Map<string, number>>();
  for (const f of readdirSync(ANALYSIS_DIR).filter((f) => /^stats-\d+\.json$/.test(f))) {
    const stats = JSON.parse(readFileSync(path.join(ANALYSIS_DIR, f), 'utf8')) as {
      nodeParts: Record<string, { renderedLength: number; metaUid: string }>;
      nodeMetas: Record<string, { id: string; moduleParts: Record<string, string> }>;
    };
    for (const [uid, part] of Object.entries(stats.nodeParts)) {
      const meta = stats.nodeMetas[part.metaUid];
      if (!meta) continue;
      const file = Object.entries(meta.moduleParts).find(([, u]) => u === uid)?.[0];
      if (!file) continue;
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(meta.id)?.[1];
      const key = pkg
        ? pkg
        : meta.id.startsWith('\0')
          ? 'bundler runtime'
          : meta.id.replace(/^(\.\.\/)+|^\//g, ''); // our own code: per file
      const m = perFile.get(file) ?? new Map<string, number>();
      m.set(key, (m.get(key) ?? 0) + part.renderedLength);
      perFile.set(file, m);
    }
  }
  const out: Record<string, Contributor[]> = {};
  for (const entry of analysed.entries) {
    const measured = sizes.entries.find((e) => e.name === entry.name);
    if (!measured) continue;
    const totals = new Map<string, number>();
    for (const f of entry.files) {
      for (const [k, v] of perFile.get(f.file) ?? []) totals.set(k, (totals.get(k) ?? 0) + v);
    }
    const sum = [...totals.values()].reduce((s, v) => s + v, 0);
    out[entry.name] = [...totals]
      .sort((a, b) => b[1] - a[1])
      .map(([module, v]) => ({
        module,
        share: Math.round((v / sum) * 1000) / 1000,
        approxGzipKB: Math.round(((v / sum) * measured.gzip) / 102.4) / 10,
      }))
      .filter((c) => c.share >= 0.01);
  }
  return out;
}

// --- Content script: instrumentation in its isolated world --------------------------------

/**
 * Installed in the content script's isolated world at a breakpoint on its first statement,
 * before any of its code runs. Counts what it creates (timers, animation/idle callbacks,
 * observers, event listeners), which are still pending, and how long each of its event
 * listeners runs. Only this world's globals are wrapped: the page's own are untouched.
 */
const INSTRUMENT_JS = String.raw`(() => {
  const g = globalThis;
  if (g.__cxBenchCS) return 'already';
  const c = (g.__cxBenchCS = { created: {}, pending: {}, callbacks: 0, observers: {}, observing: 0,
    listeners: [], events: [] });
  const pending = {};
  const timer = (name, clearName, repeats) => {
    const orig = g[name];
    const origClear = g[clearName];
    if (typeof orig !== 'function') return;
    const live = (pending[name] = new Set());
    c.created[name] = 0;
    g[name] = function (fn, ...rest) {
      c.created[name] += 1;
      let id = 0;
      const cb = typeof fn === 'function'
        ? function (...a) { c.callbacks += 1; if (!repeats) live.delete(id); return fn.apply(this, a); }
        : fn;
      id = orig.call(g, cb, ...rest);
      live.add(id);
      return id;
    };
    if (typeof origClear === 'function') {
      g[clearName] = function (id) { live.delete(id); return origClear.call(g, id); };
    }
  };
  timer('setTimeout', 'clearTimeout', false);
  timer('setInterval', 'clearInterval', true);
  timer('requestAnimationFrame', 'cancelAnimationFrame', false);
  timer('requestIdleCallback', 'cancelIdleCallback', false);
  const observing = new Set();
  for (const name of ['MutationObserver', 'ResizeObserver', 'IntersectionObserver',
    'PerformanceObserver', 'ReportingObserver']) {
    const O = g[name];
    if (typeof O !== 'function') continue;
    c.observers[name] = 0;
    g[name] = class extends O {
      constructor(cb, opts) {
        super(function (...a) { c.callbacks += 1; return cb.apply(this, a); }, opts);
        c.observers[name] += 1;
      }
      observe(...a) { observing.add(this); return super.observe(...a); }
      disconnect() { observing.delete(this); return super.disconnect(); }
    };
  }
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const wrapped = new WeakMap();
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    const who = this === g ? 'window' : this === g.document ? 'document'
      : (this && this.constructor && this.constructor.name) || 'EventTarget';
    c.listeners.push(who + ':' + type);
    if (typeof fn !== 'function') return add.call(this, type, fn, opts);
    let w = wrapped.get(fn);
    if (!w) {
      w = function (...a) {
        const t = performance.now();
        try { return fn.apply(this, a); } finally { c.events.push([type, performance.now() - t]); }
      };
      wrapped.set(fn, w);
    }
    return add.call(this, type, w, opts);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, opts) {
    return remove.call(this, type, (fn && wrapped.get(fn)) || fn, opts);
  };
  g.__cxBenchSnapshot = () => {
    const p = {};
    for (const k of Object.keys(pending)) p[k] = pending[k].size;
    return { created: { ...c.created }, pending: p, callbacks: c.callbacks,
      observers: { ...c.observers }, observing: observing.size, listeners: [...c.listeners],
      events: c.events.map((e) => [e[0], e[1]]) };
  };
  return 'installed';
})()`;

interface CsSnapshot {
  created: Record<string, number>;
  pending: Record<string, number>;
  callbacks: number;
  observers: Record<string, number>;
  observing: number;
  listeners: string[];
  events: [string, number][];
}

interface Instrumented {
  snapshot(): Promise<CsSnapshot>;
  scriptMs(): Promise<number>;
}

async function scriptDurationMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN) * 1000;
}

/** Reloads `tab` with the content script paused on its first statement to instrument it. */
async function instrumentContentScript(
  context: BrowserContext,
  tab: Page,
  extensionId: string,
): Promise<Instrumented> {
  const cdp = await context.newCDPSession(tab);
  let isolated: number | null = null;
  cdp.on('Runtime.executionContextCreated', (e) => {
    const aux = e.context.auxData as { isDefault?: boolean } | undefined;
    if (e.context.origin === `chrome-extension://${extensionId}` && aux?.isDefault === false) {
      isolated = e.context.id;
    }
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Performance.enable');
  await cdp.send('Debugger.enable');
  const { breakpointId } = await cdp.send('Debugger.setBreakpointByUrl', {
    urlRegex: 'content-scripts/content\\.js$',
    lineNumber: 0,
    columnNumber: 0,
  });
  let installed: (v: string) => void = () => {};
  const done = new Promise<string>((resolve) => (installed = resolve));
  cdp.on('Debugger.paused', (e) => {
    void (async () => {
      try {
        if (e.hitBreakpoints?.includes(breakpointId) && e.callFrames[0]) {
          const r = await cdp.send('Debugger.evaluateOnCallFrame', {
            callFrameId: e.callFrames[0].callFrameId,
            expression: INSTRUMENT_JS,
            returnByValue: true,
          });
          installed(
            r.exceptionDetails
              ? `failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`
              : String(r.result.value),
          );
        }
      } finally {
        await cdp.send('Debugger.resume').catch(() => undefined);
      }
    })();
  });
  await tab.reload();
  const outcome = await Promise.race([done, sleep(15_000).then(() => 'timeout')]);
  await cdp.send('Debugger.removeBreakpoint', { breakpointId });
  await cdp.send('Debugger.disable');
  if (outcome !== 'installed') throw new Error(`content script instrumentation: ${outcome}`);
  for (let i = 0; i < 50 && isolated === null; i++) await sleep(100);
  const contextId = isolated;
  if (contextId === null) throw new Error("the content script's isolated world was not seen");
  return {
    async snapshot() {
      const r = await cdp.send('Runtime.evaluate', {
        contextId,
        expression: 'globalThis.__cxBenchSnapshot()',
        returnByValue: true,
      });
      if (r.exceptionDetails) throw new Error(`snapshot: ${r.exceptionDetails.text}`);
      return r.result.value as CsSnapshot;
    },
    scriptMs: () => scriptDurationMs(cdp),
  };
}

// --- Results -------------------------------------------------------------------------------

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

const METHOD = `
- **Builds.** \`npx wxt build\` (the store build) gives the bundle sizes. The browser runs
  \`NODE_ENV=production wxt build --mode e2e\`: the store build's code with the e2e manifest,
  which pre-grants local origins because a permission prompt cannot be answered headless
  (\`--mode e2e\` alone would bundle React's development build). The bench lists the JS files
  that differ (\`builds.runBuildDiffers\`): seen so far only background.js and content.js, by
  about 0.1 KB, where WXT's entry wrapper keeps its console logger outside production mode.
- **Chromium** is Debian's, headless, one persistent profile, extension loaded unpacked; the
  stand-in answers every API call after a fixed latency L (\`standin.config({latencyMs})\`).
- **Switch latency.** In the Chatwoot tab, \`history.pushState\` to
  \`/app/accounts/1/conversations/N\` (what Chatwoot's router does; the stand-in SPA does not
  react to a bare pushState, so every API call counted is the extension's). Start =
  \`performance.timeOrigin + performance.now()\` there just before the call; end = the same in
  the REAL side panel (reached over CDP) when a MutationObserver sees the h1
  "CX Escalation — <name>", a \`[data-priority]\` badge and the "Suggested reply" region with
  its text. "Next frame" is the panel's next requestAnimationFrame after that. Both pages run in
  one browser on one machine, and \`timeOrigin + now()\` is comparable across them: the bench
  checks it by measuring each page's offset from Node's clock (best of 15 round trips) and
  records the skew (\`clock\`). Conversations are copies of the seeded open/pending ones with
  unique customer names. **Unforeseen**: copies added to the stand-in after the panel
  fetched the queue (which it does once, to foresee), so nothing could fetch them ahead; visited
  in groups of ${GROUP}: each new one, then the same ${GROUP} again (**warm**: revisited a few
  seconds later, well within the 30 s staleTime). **Foreseen**: copies in the queue from the
  start, first visits, those the panel had fetched ahead first; a first visit that still makes
  its own call counts as unforeseen. **Worker stopped**: ${STOPPED_WORKER_RUNS} more unforeseen
  first visits, each right after \`ServiceWorker.stopWorker\` (as Chrome stops an idle worker;
  tests/e2e/fixtures.ts \`stopWorkerWhenIdle\`). After each switch the bench waits L + 150 ms so
  late calls are counted. **Hops**: the panel's latest \`performance.mark\`s (\`cx:location:browser\` when
  it hears the browser's tabs.onUpdated, \`cx:location:content\` the content script, \`cx:context\` when the worker's context/changed arrives,
  \`cx:fetch\`/\`cx:data\` around conversation/get), read after each switch.
- **API calls** are the stand-in's request log (\`/api/\` paths) between one switch and the next,
  for the switched conversation only; calls made ahead are a conversation's GETs made before
  its first switch (all of them for one never switched to), plus the queue's list pages, made
  by the extension (the stand-in tells them from the Chatwoot tab's own by \`Sec-Fetch-Site\`),
  counted in any 60 s window (Node's clock against the stand-in's log);
  the queue's are counted when it first shows, then over the observation window (refreshes =
  first-page requests for status=open).
- **Content script.** The tab is reloaded with a breakpoint on the content script's first
  statement; at that pause the bench wraps, in the content script's isolated world only,
  setTimeout/setInterval/requestAnimationFrame/requestIdleCallback, the Mutation/Resize/
  Intersection/Performance/Reporting observers and EventTarget.addEventListener (counting what
  is created, what is still pending, and timing each listener call). Main-thread time per
  navigation = the growth of CDP \`Performance.getMetrics\` ScriptDuration in the Chatwoot tab
  across one pushState + 60 ms (the content script's listener, its sendMessage and reply), beside
  the same in a tab of the same page at 127.0.0.1 where the content script is not registered
  (baseline). Idle = the queue observation window, with no navigation.
- **Decision log.** bench/page.ts (bundled by esbuild, evaluated in an extension page so it uses
  the extension's own IndexedDB \`cx-escalations\`) writes generated DecisionRecords with
  bulkAdd, then times the product's functions: \`db.decisions.add\` (and \`recordAndEnqueue\`, the
  worker's real write), \`queryDecisions(db, {}, {limit: 50})\` on a fresh connection each time
  (the log view's first page), and \`exportDecisionsInWorkers\` (lib/decisions/export-workers.ts
  in the extension's own export workers, as the panel's Export button calls it: progress on,
  with the row count the log view already shows, counted before the clock starts; both read the
  log's packs, lib/decisions/packs.ts) against the single-walk pipeline on the page (the same
  chunked reads in the same order, Blob parts) with \`Papa.unparse\` (escapeFormulae)
  as the writer, the two interleaved in ABBA order. Each run is timed in wall time and in CPU
  time of the extension renderer (CDP Performance metrics in thread ticks: its main thread, and
  the whole process, which includes the export's workers): wall time swings with machine load,
  so "at least as fast as Papa" is judged on the renderer CPU each pipeline burns (wall times
  are shown beside it). The page's longest unresponsive stretch meanwhile is a 0 ms timer loop's
  longest gap. A full read plus a parse-back check runs first (warm-up, and
  proof the export is complete and well-formed). Records: one year of generated decisions,
  every field varied, some notes with quotes, commas, line breaks, emoji and formula prefixes;
  replies are the product's templates. Fewer than 50 export runs: each reads every row.
- **Sizes**: gzip level 9 per file, summed over the files an entry point loads (HTML scripts,
  module preloads, their imports); KB = 1024 bytes.
- **p95**: linear interpolation between order statistics; medians likewise.
`;

async function writeResults(full: boolean, results: object, markdown: string, failed: boolean) {
  const dir = path.join(ROOT, full ? 'bench' : 'bench/out');
  mkdirSync(dir, { recursive: true });
  const config = (await prettier.resolveConfig(path.join(ROOT, 'bench/results.md'))) ?? {};
  writeFileSync(
    path.join(dir, 'results.json'),
    await prettier.format(JSON.stringify(results), { ...config, parser: 'json' }),
  );
  writeFileSync(
    path.join(dir, 'results.md'),
    await prettier.format(markdown, { ...config, parser: 'markdown' }),
  );
  log(
    `wrote ${path.relative(ROOT, dir)}/results.json and results.md${full ? '' : ' (not a full run)'}` +
      (failed ? ' — a budget failed' : ''),
  );
}

// --- Main ----------------------------------------------------------------------------------

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  // The team log's sync needs no browser (scripts/bench-team.ts): alone, into bench/out/.
  if (opts.only === 'team') {
    // Loaded only here: it installs fake-indexeddb in this process.
    const team = await (await import('./bench-team')).measureTeam();
    mkdirSync(path.join(ROOT, 'bench', 'out'), { recursive: true });
    writeFileSync(path.join(ROOT, 'bench', 'out', 'team.json'), JSON.stringify(team, null, 2));
    console.log(JSON.stringify(team, null, 2));
    return 0;
  }
  const L = opts.latency;
  const full = opts.runs >= 50 && opts.rows >= 100_000 && opts.queueSeconds >= 60;
  const loadStart = os.loadavg();
  mkdirSync(path.join(ROOT, 'bench/out'), { recursive: true });

  if (opts.build) build();
  if (!existsSync(path.join(STORE_BUILD, 'manifest.json')) || !existsSync(RUN_BUILD)) {
    throw new Error('No build in .output-bench: run without --no-build');
  }
  const sizes = sizesOf(STORE_BUILD);
  const heavy = composition(sizes);
  const runBuildDiffers = codeDifferences(STORE_BUILD, RUN_BUILD);

  // Fixtures read EXTENSION_PATH when loaded.
  process.env.EXTENSION_PATH = RUN_BUILD;
  const fx = await import('../tests/e2e/fixtures');
  const standin = await startStandin({ port: 0, quiet: true });
  // In the queue from the start: the panel may fetch them ahead (foreseen first visits).
  const foreseeable = addConversations(standin, opts.runs);
  const cdpPort = await fx.freePort();
  const context = await fx.launchWithExtension(cdpPort);
  let closePanel: () => Promise<void> = async () => {};
  try {
    await fx.closeOnboardingTab(context);
    const extensionId = await fx.extensionIdOf(context);

    // Signed in with the agent's Chatwoot session, as the e2e fixture `signedIn` does.
    log('signing in');
    const chatwoot = new fx.ChatwootPage(
      context.pages()[0] ?? (await context.newPage()),
      standin.url,
    );
    await chatwoot.openInbox();
    const options = new fx.OptionsPage(await context.newPage(), extensionId);
    await options.open();
    await options.signInWithSession(standin.url);
    await fx.expect(options.signedIn()).toBeVisible();
    await options.page.close();
    const chromium = (await (await context.newCDPSession(chatwoot.page)).send('Browser.getVersion'))
      .product;
    standin.config({ latencyMs: L });

    // The baseline tab: the same dashboard on an origin the content script is not registered for.
    const baseline = await context.newPage();
    await baseline.goto(`http://127.0.0.1:${standin.port}/app/accounts/${ACCOUNT}/conversations`);
    const baseCdp = await context.newCDPSession(baseline);
    await baseCdp.send('Performance.enable');

    const seeded = standin.state.conversations
      .filter(
        (c) => c.accountId === ACCOUNT && !foreseeable.some((b) => b.displayId === c.displayId),
      )
      .map((c) => c.displayId);
    const panelOpen = await fx.openRealSidePanel(
      context,
      extensionId,
      cdpPort,
      `${standin.url}/app/accounts/${ACCOUNT}/conversations/${seeded[0]}`,
    );
    closePanel = panelOpen.close;
    const { tab } = panelOpen;
    const panel = panelOpen.panel.page;
    if (opts.only === 'live') return await onlyLive(standin, panel, seeded[0]!, opts);
    if (opts.only === 'switch') {
      const sw = await measureSwitching({
        ...{ standin, tab, panel, foreseeable, seeded, L, runs: opts.runs, log },
        stopWorker: () => fx.stopWorkerWhenIdle(context, extensionId, standin), // once no call is open: Chrome stops an idle worker
      });
      const { checks, ...figures } = switchSummary(sw, L);
      return writeSection('switch', checks, { ...figures, callsAhead: sw.aheadCalls.length });
    }
    if (opts.only === 'export') {
      const dbPage = await openBenchPage(context, panel, extensionId);
      log(`decision log: writing ${opts.rows} records`);
      await seedLog(dbPage, opts.rows);
      const lg = await measureLog(context, dbPage, opts.exportRuns, log);
      const figures = exportSummary(lg.ours, lg.papa);
      const { verify, countOnly, readChunks, readSorted, format } = lg;
      return writeSection('export', exportChecks(figures), {
        ...{ ...figures, verify, countOnly, readChunks, readSorted, format },
      });
    }

    // --- Content script: per navigation ------------------------------------------------------
    log('content script: instrumenting its isolated world');
    const cs = await instrumentContentScript(context, tab, extensionId);
    await sleep(500);
    const extScript: number[] = [];
    const baseScript: number[] = [];
    const NAVS = 50;
    log(`content script: ${NAVS} navigations, with and without it`);
    for (let i = 0; i < NAVS; i++) {
      const url = `/app/accounts/${ACCOUNT}/conversations/${seeded[(i + 1) % seeded.length]}`;
      for (const [page, measure, into] of [
        [tab, () => cs.scriptMs(), extScript],
        [baseline, () => scriptDurationMs(baseCdp), baseScript],
      ] as const) {
        const before = await measure();
        await page.evaluate((u: string) => history.pushState({}, '', u), url);
        await sleep(60);
        into.push((await measure()) - before);
      }
    }
    const afterNavs = await cs.snapshot();
    const listenerMs = afterNavs.events
      .filter(([type]) => type === 'currententrychange' || type === 'popstate')
      .map(([, ms]) => ms);

    // --- Switch latency ------------------------------------------------------------------------
    const sw = await measureSwitching({
      standin,
      tab,
      panel,
      foreseeable,
      seeded,
      L,
      runs: opts.runs,
      log,
      stopWorker: () => fx.stopWorkerWhenIdle(context, extensionId, standin), // once no call is open: Chrome stops an idle worker
    });
    const { samples, aheadCalls, aheadPerMinute, tabClock, panelClock } = sw;
    const cold = samples.filter((s) => s.kind === 'cold');
    const warm = samples.filter((s) => s.kind === 'warm');

    // --- Queue, and the content script while idle ------------------------------------------------
    log(`queue: showing it, then watching ${opts.queueSeconds} s (the content script idles)`);
    let mark = standin.requests.list().length;
    const queueShownAt = wallNow();
    await tab.evaluate(
      (u: string) => history.pushState({}, '', u),
      `/app/accounts/${ACCOUNT}/conversations`,
    );
    const queueRegion = panel.getByRole('region', { name: 'Escalation queue' });
    await fx.expect(queueRegion).toBeVisible({ timeout: 20_000 });
    await fx.expect(queueRegion).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    await sleep(L + 300);
    const onShow = apiSince(standin, mark);
    let refreshCalls = onShow;
    let refreshHow = 'when the queue first shows (no cached data)';
    if (onShow.length === 0) {
      // Cached data younger than the staleTime: measure one refresh through its button.
      mark = standin.requests.list().length;
      await panel.getByRole('button', { name: 'Refresh', exact: true }).click();
      await fx.expect(queueRegion).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
      await sleep(L + 300);
      refreshCalls = apiSince(standin, mark);
      refreshHow = 'one refresh with the Refresh button (data was cached)';
    }
    const openQueue = standin.state.conversations.filter(
      (c) => c.accountId === ACCOUNT && (c.status === 'open' || c.status === 'pending'),
    ).length;
    const idleMark = standin.requests.list().length;
    const idleStart = wallNow();
    const idleBefore = await cs.snapshot();
    const idleScript0 = await cs.scriptMs();
    const idleBase0 = await scriptDurationMs(baseCdp);

    // Meanwhile (another window, so the panel keeps following the Chatwoot tab): the decision
    // log's rows are written. Only the queue's call count is measured during this window.
    const dbPage = await openBenchPage(context, panel, extensionId);
    log(`decision log: writing ${opts.rows} records (during the queue window)`);
    const seedP = seedLog(dbPage, opts.rows);
    seedP.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile

    const queueEnd = queueShownAt + opts.queueSeconds * 1000;
    await sleep(Math.max(0, queueEnd - wallNow()));
    const idleSeconds = (wallNow() - idleStart) / 1000;
    const idleAfter = await cs.snapshot();
    const idleScript = (await cs.scriptMs()) - idleScript0;
    const idleBase = (await scriptDurationMs(baseCdp)) - idleBase0;
    const windowCalls = apiSince(standin, idleMark);
    const refreshes = windowCalls.filter(
      (c) =>
        c.includes('/conversations?') && c.includes('status=open') && /[?&]page=1(&|$)/.test(c),
    ).length;
    const seed = await seedP;

    // --- Decision log ----------------------------------------------------------------------------
    const lg = await measureLog(context, dbPage, opts.exportRuns, log);
    const { verify, firstPage, countsMs, ours, papa, countOnly, readChunks, readBatches } = lg;
    const { readSorted, format, addOne, recordOne, rowsAtEnd } = lg;

    // --- Realtime (issue 17): back on a conversation ------------------------------------------
    await tab.evaluate((u: string) => history.pushState({}, '', u), seededUrl(seeded[0]!));
    const live = await measureLive({ standin, panel, displayId: seeded[0]!, opts: opts.live, log });

    // --- Figures and budgets ---------------------------------------------------------------------
    const switchFigures = switchSummary(sw, L);
    const { coldS, warmS, foreseenS, stoppedS, hops } = switchFigures;
    const coldFrame = summarize(cold.flatMap((s) => (s.frameMs === null ? [] : [s.frameMs])));
    const warmFrame = summarize(warm.flatMap((s) => (s.frameMs === null ? [] : [s.frameMs])));
    const content = sizes.entries.find((e) => e.name === 'content');
    const sidepanel = sizes.entries.find((e) => e.name === 'sidepanel');
    const background = sizes.entries.find((e) => e.name === 'background');
    const perNav = summarize(extScript, 3);
    const perNavBase = summarize(baseScript, 3);
    const listener = summarize(listenerMs, 3);
    const idleTimers = Object.values(idleAfter.pending).reduce((s, n) => s + n, 0);
    const idleCallbacks = idleAfter.callbacks - idleBefore.callbacks;
    const idleCreated =
      Object.values(idleAfter.created).reduce((s, n) => s + n, 0) -
      Object.values(idleBefore.created).reduce((s, n) => s + n, 0);
    const apiNew = summarize(
      cold.map((s) => s.apiCalls),
      2,
    );
    const apiRevisit = summarize(
      warm.map((s) => s.apiCalls),
      2,
    );
    const perMinute = refreshes / (idleSeconds / 60);
    const { oursS, papaS, oursCpu, papaCpu, oursProc, papaProc, oursBlocked, papaBlocked } =
      exportSummary(ours, papa);
    const firstS = summarize(firstPage);
    const addS = summarize(addOne);
    const recordS = summarize(recordOne);

    const checks: BudgetCheck[] = [
      ...liveChecks(live),
      ...switchFigures.checks,
      check(
        'content.size',
        'Content script size (gzip)',
        content ? kb(content.gzip) : NaN,
        3,
        'KB',
        content ? `${kb(content.raw)} KB raw` : 'missing',
      ),
      check(
        'content.idle',
        'Content script timers or observers left while idle',
        idleTimers + idleAfter.observing + idleCallbacks,
        0,
        '',
        `${idleTimers} pending timers, ${idleAfter.observing} observing, ${idleCallbacks} callbacks in ${idleSeconds.toFixed(0)} s idle`,
        'none',
      ),
      check(
        'content.perNavigation',
        'Content script main-thread time per navigation, median',
        perNav.median,
        1,
        'ms',
        `p95 ${perNav.p95} ms; baseline without it ${perNavBase.median} ms`,
      ),
      check(
        'bundle.sidepanel',
        'Side panel JS, all files (gzip)',
        sidepanel ? kb(sidepanel.gzip) : NaN,
        130,
        'KB',
        sidepanel
          ? `${kb(sidepanel.raw)} KB raw, ${sidepanel.files.length} file${sidepanel.files.length === 1 ? '' : 's'}`
          : 'missing',
      ),
      check(
        'bundle.background',
        'Background JS (gzip)',
        background ? kb(background.gzip) : NaN,
        76, // scripts/check-budgets.mjs (issues 16, 17, 19)
        'KB',
        background ? `${kb(background.raw)} KB raw` : 'missing',
      ),
      check(
        'api.newConversation',
        'API calls per new conversation (max)',
        apiNew.max,
        2,
        '',
        `median ${apiNew.median}, n = ${apiNew.n}`,
      ),
      check(
        'api.revisit',
        'API calls per revisit within 30 s (max)',
        apiRevisit.max,
        0,
        '',
        `n = ${apiRevisit.n}`,
      ),
      check(
        'api.queue',
        'Queue refreshes per minute',
        Math.round(perMinute * 100) / 100,
        1,
        '',
        `${refreshes} in ${idleSeconds.toFixed(0)} s; ${refreshCalls.length} calls per refresh`,
      ),
      check(
        'log.write',
        `Write one decision (db.decisions.add), median, ${opts.rows.toLocaleString('en-US')} rows`,
        addS.median,
        5,
        'ms',
        `p95 ${addS.p95} ms, n = ${addS.n}`,
      ),
      check(
        'log.firstPage',
        'Decision log first page (fresh connection), median',
        firstS.median,
        100,
        'ms',
        `p95 ${firstS.p95} ms, n = ${firstS.n}`,
      ),
      ...exportChecks(exportSummary(ours, papa)),
    ];
    const failed = checks.filter((c) => !c.pass);

    const notes = buildNotes({
      oursCpu,
      papaCpu,
      checks,
      heavy,
      sizes,
      L,
      coldS,
      oursS,
      papaS,
      readChunks,
      readBatches,
      readSorted,
      countOnly,
      format,
      seed,
      opts,
    });

    const results = {
      schema: 1,
      date: new Date().toISOString(),
      fullRun: full,
      durationSeconds: Math.round((wallNow() - started) / 1000),
      latencyMs: L,
      chromium,
      node: process.version,
      machine: {
        cpus: os.cpus().length,
        loadAverageAtStart: loadStart.map((x) => Math.round(x * 100) / 100),
        loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
      },
      builds: {
        sizes: path.relative(ROOT, STORE_BUILD),
        run: path.relative(ROOT, RUN_BUILD),
        runBuildDiffers,
      },
      budgets: checks,
      pass: failed.length === 0,
      live,
      switchLatency: {
        unit: 'ms',
        cold: coldS,
        warm: warmS,
        foreseen: foreseenS,
        stoppedWorker: stoppedS,
        coldNextFrame: coldFrame,
        warmNextFrame: warmFrame,
        hops,
        callsAhead: {
          total: aheadCalls.length,
          mostInAMinute: aheadPerMinute,
          budgetPerMinute: AHEAD_CALLS_PER_MINUTE,
        },
        clock: {
          tabOffsetMs: round3(tabClock.offsetMs),
          panelOffsetMs: round3(panelClock.offsetMs),
          skewMs: round3(panelClock.offsetMs - tabClock.offsetMs),
          uncertaintyMs: round3(tabClock.uncertaintyMs + panelClock.uncertaintyMs),
        },
        samples: samples.map((s) => ({
          conversation: s.conversation,
          kind: s.kind,
          ms: round3(s.ms),
          frameMs: s.frameMs === null ? null : round3(s.frameMs),
          hops: s.hops,
          apiCalls: s.apiCalls,
        })),
      },
      contentScript: {
        gzipBytes: content?.gzip ?? null,
        rawBytes: content?.raw ?? null,
        perNavigationMs: { scriptDuration: perNav, baselineWithoutIt: perNavBase, listener },
        idle: {
          seconds: Math.round(idleSeconds),
          pendingTimers: idleAfter.pending,
          observing: idleAfter.observing,
          callbacksWhileIdle: idleCallbacks,
          listenerCallsWhileIdle: idleAfter.events.length - idleBefore.events.length,
          createdWhileIdle: idleCreated,
          scriptDurationMs: round3(idleScript),
          baselineScriptDurationMs: round3(idleBase),
        },
        createdSinceLoad: { timers: idleAfter.created, observers: idleAfter.observers },
        listenersAdded: idleAfter.listeners,
      },
      bundles: { entries: sizes.entries, heavy },
      apiCalls: {
        perNewConversation: apiNew,
        perRevisit: apiRevisit,
        newConversationCalls: [...new Set(cold.flatMap((s) => s.calls.map(route)))],
        queue: {
          callsPerRefresh: refreshCalls.length,
          measured: refreshHow,
          calls: refreshCalls.map(route),
          openAndPendingConversations: openQueue,
          windowSeconds: Math.round(idleSeconds),
          refreshesInWindow: refreshes,
          refreshesPerMinute: Math.round(perMinute * 100) / 100,
          callsInWindow: windowCalls.length,
        },
      },
      decisionLog: {
        rows: opts.rows,
        rowsAtEnd,
        seed: { ms: Math.round(seed.ms), rows: seed.rows },
        writeOne: { addDecision: addS, recordAndEnqueue: recordS },
        firstPage: firstS,
        actionCountsMs: round3(countsMs),
        export: {
          ours: oursS,
          papaparse: papaS,
          bytes: ours[0]?.bytes ?? null,
          papaBytes: papa[0]?.bytes ?? null,
          oursRunsMs: ours.map((r) => Math.round(r.ms)),
          papaRunsMs: papa.map((r) => Math.round(r.ms)),
          mainThreadCpu: { ours: oursCpu, papaparse: papaCpu },
          processCpu: { ours: oursProc, papaparse: papaProc },
          longestMainThreadBlockMs: { ours: oursBlocked, papaparse: papaBlocked },
        },
        breakdown: {
          readAllChunksMs: Math.round(readChunks.ms),
          readKeysetBatchesMs: Math.round(readBatches.ms),
          readGetAllSortedMs: Math.round(readSorted.ms),
          progressCountMs: Math.round(countOnly.ms),
          csvOnlyOursMs: Math.round(format.oursMs),
          csvOnlyPapaMs: Math.round(format.papaMs),
        },
        verify,
      },
      notes,
    };

    const rows = checks.map((c) => [c.figure, c.budget, c.measured, c.pass ? 'pass' : 'FAIL']);
    const header = ['figure', 'budget', 'measured', 'result'];
    const md = markdownReport({
      results,
      rows,
      header,
      notes,
      sizes,
      heavy,
      L,
      opts,
      chromium,
      full,
    });
    console.log(`\n${textTable(header, rows)}\n`);
    await writeResults(full, results, md, failed.length > 0);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await closePanel().catch(() => undefined);
    await context.close().catch(() => undefined);
    await standin.close();
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const seededUrl = (displayId: number) => `/app/accounts/${ACCOUNT}/conversations/${displayId}`;

/** `--only switch|export`: one section's budgets, printed and written to bench/out/. */
function writeSection(name: string, checks: BudgetCheck[], figures: object): number {
  const header = ['figure', 'budget', 'measured', 'result'];
  const rows = checks.map((c) => [c.figure, c.budget, c.measured, c.pass ? 'pass' : 'FAIL']);
  const loadAverage = os.loadavg().map((x) => Math.round(x * 100) / 100);
  console.log(`\n${textTable(header, rows)}\nload average ${loadAverage.join(' ')}\n`);
  const file = path.join(ROOT, `bench/out/${name}.json`);
  const date = new Date().toISOString();
  writeFileSync(
    file,
    `${JSON.stringify({ date, loadAverage, budgets: checks, figures }, null, 2)}\n`,
  );
  log(`wrote ${path.relative(ROOT, file)}`);
  return checks.every((c) => c.pass) ? 0 : 1;
}

/** `--only live`: the realtime figures alone, written to bench/out/live.json. */
async function onlyLive(
  standin: Standin,
  panel: Page,
  displayId: number,
  opts: Options,
): Promise<number> {
  const live: LiveResults = await measureLive({ standin, panel, displayId, opts: opts.live, log });
  const checks = liveChecks(live);
  const header = ['figure', 'budget', 'measured', 'result'];
  const rows = checks.map((c) => [c.figure, c.budget, c.measured, c.pass ? 'pass' : 'FAIL']);
  console.log(`\n${textTable(header, rows)}\n`);
  const file = path.join(ROOT, 'bench/out/live.json');
  writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), latencyMs: opts.latency, live, budgets: checks }, null, 2)}\n`,
  );
  log(`wrote ${path.relative(ROOT, file)}`);
  return checks.every((c) => c.pass) ? 0 : 1;
}

/** `GET /api/v1/accounts/1/conversations/1007/messages` → `GET …/conversations/:id/messages`. */
function route(call: string): string {
  return call
    .replace(/\/api\/v1\/accounts\/\d+/, '…')
    .replace(/\/conversations\/\d+/, '/conversations/:id')
    .replace(/page=\d+/, 'page=n');
}

interface NoteInput {
  checks: BudgetCheck[];
  heavy: Record<string, Contributor[]>;
  sizes: Sizes;
  L: number;
  coldS: Summary;
  oursS: Summary;
  papaS: Summary;
  oursCpu: Summary;
  papaCpu: Summary;
  readChunks: { ms: number };
  readBatches: { ms: number };
  readSorted: { ms: number };
  countOnly: { ms: number };
  format: { oursMs: number; papaMs: number };
  seed: { ms: number };
  opts: Options;
}

/** What holds each failed budget back, with the measured evidence. */
function buildNotes(n: NoteInput): string[] {
  const notes: string[] = [];
  const failed = new Set(n.checks.filter((c) => !c.pass).map((c) => c.id));
  const top = (entry: string, k = 6) =>
    (n.heavy[entry] ?? [])
      .slice(0, k)
      .map((c) => `${c.module} ~${c.approxGzipKB} KB`)
      .join(', ');
  const ownTop = (entry: string) => {
    const c = (n.heavy[entry] ?? []).find((x) => /\.(tsx?|m?js)$/.test(x.module));
    return c ? `${c.module} (~${c.approxGzipKB} KB)` : null;
  };
  const part = (entry: string, module: string) =>
    (n.heavy[entry] ?? []).find((c) => c.module === module)?.approxGzipKB ?? 0;
  const gzipKB = (entry: string) => {
    const e = n.sizes.entries.find((x) => x.name === entry);
    return e ? Math.round((e.gzip / 1024) * 10) / 10 : NaN;
  };
  const without = (entry: string) =>
    Math.round((gzipKB(entry) - part(entry, 'dexie') - part(entry, 'zod')) * 10) / 10;
  if (failed.has('bundle.sidepanel')) {
    notes.push(
      `Side panel over budget. Largest parts (estimated gzip): ${top('sidepanel')}. ` +
        'react-dom is the floor of a React panel (~55-60 KB gzip); with react-query and zod ' +
        '(both fixed by the stack) the libraries alone are about ' +
        `${Math.round((part('sidepanel', 'react-dom') + part('sidepanel', 'react') + part('sidepanel', 'scheduler') + part('sidepanel', '@tanstack/query-core') + part('sidepanel', '@tanstack/react-query') + part('sidepanel', 'zod')) * 10) / 10} KB. ` +
        (ownTop('sidepanel')
          ? `Of our own code, ${ownTop('sidepanel')} is the largest file: the EN/FR cue words of ` +
            'the suggestion rules (rewriting its source with identical regexes saved 0.3 KB). '
          : '') +
        'Already out of the panel: Dexie (the log is read with plain IndexedDB, ' +
        'lib/decisions/idb.ts), classic zod (zod/mini), the EN/FR words (fetched as JSON), ' +
        "@wxt-dev/storage, the options page's share of common modules (the two pages are " +
        'bundled apart). What is left to move: zod itself, if replies were validated only in ' +
        `the background (the panel would be about ${without('sidepanel')} KB), or the log view ` +
        'onto a page of its own (the product puts it in the panel). Lazy-loading (import()) ' +
        'would shrink the first load but not the total.',
    );
  }
  if (failed.has('bundle.background')) {
    notes.push(
      `Background over budget. Largest parts (estimated gzip): ${top('background')}. ` +
        `Dexie and zod are most of it: without both it would be about ${without('background')} KB. ` +
        'Both are fixed by the stack (zod already as zod/mini); what else is in it is the ' +
        "worker's own code (outbox, Chatwoot client, mock Chatwoot).",
    );
  }
  if (failed.has('switch.warm') || failed.has('switch.foreseen') || failed.has('switch.cold')) {
    notes.push(
      'A switch over budget: see the hop table under "Switch latency". A switch from cache is ' +
        "the browser's tabs.onUpdated reaching the panel plus the render; a first visit adds the " +
        `two parallel GETs of L = ${n.L} ms, which the worker starts on the same event (the panel's ` +
        'conversation/get takes them over), their validation and the reply. Every hop is an IPC ' +
        'between processes, stretched by machine load (load average in results.json).',
    );
  }
  if (failed.has('log.export')) {
    const ms = (x: { ms: number }) => Math.round(x.ms);
    notes.push(
      `Export: ${n.oursS.median} ms median (min ${n.oursS.min} ms) for all rows, in two workers ` +
        `reading time slices of the log's packs side by side; the page's main thread is busy ${n.oursCpu.median} ms of it. ` +
        `On the page alone, best of 2: reading every row in the single walk's chunks ${ms(n.readChunks)} ms, ` +
        `one getAll sorted in memory ${ms(n.readSorted)} ms, the progress count ${ms(n.countOnly)} ms; ` +
        `writing the CSV ${Math.round(n.format.oursMs)} ms (Papa.unparse ${Math.round(n.format.papaMs)} ms). ` +
        'What is left is IndexedDB handing the packs over (~600 records of 128 to 255 rows; its ' +
        'reads run in the browser process, the structured-clone copies in the renderer), which ' +
        'slows with machine load (load average in results.json), and the CSV writing. Beyond ' +
        'this: fewer bytes per row (each carries ~300 bytes of reply text, twice when the reply ' +
        'was not edited).',
    );
  }
  if (failed.has('log.exportVsPapa')) {
    notes.push(
      `Against Papa.unparse: main-thread CPU ${n.oursCpu.median} ms (ours) vs ` +
        `${n.papaCpu.median} ms (Papa) per export; on rows already in memory our writer takes ` +
        `${Math.round(n.format.oursMs)} ms and Papa ${Math.round(n.format.papaMs)} ms.`,
    );
  }

  if (
    failed.has('content.perNavigation') ||
    failed.has('content.idle') ||
    failed.has('content.size')
  ) {
    notes.push(
      'Content script over a budget: see contentScript in results.json for what it created.',
    );
  }
  return notes;
}

interface ReportInput {
  results: {
    date: string;
    durationSeconds: number;
    machine: { cpus: number; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
    builds: { runBuildDiffers: { file: string; bytesDelta: number }[] };
    live: LiveResults;
    switchLatency: {
      cold: Summary;
      warm: Summary;
      foreseen: Summary;
      stoppedWorker: Summary;
      coldNextFrame: Summary;
      warmNextFrame: Summary;
      hops: Record<SwitchKind, Record<keyof Hops, Summary | null>>;
      callsAhead: { total: number; mostInAMinute: number; budgetPerMinute: number };
      clock: { skewMs: number; uncertaintyMs: number };
    };
    contentScript: {
      perNavigationMs: { scriptDuration: Summary; baselineWithoutIt: Summary; listener: Summary };
      idle: { seconds: number; scriptDurationMs: number; baselineScriptDurationMs: number };
      createdSinceLoad: { timers: Record<string, number>; observers: Record<string, number> };
      listenersAdded: string[];
    };
    apiCalls: {
      newConversationCalls: string[];
      queue: {
        callsPerRefresh: number;
        measured: string;
        openAndPendingConversations: number;
        refreshesInWindow: number;
        windowSeconds: number;
      };
    };
    decisionLog: {
      seed: { ms: number };
      writeOne: { addDecision: Summary; recordAndEnqueue: Summary };
      firstPage: Summary;
      actionCountsMs: number;
      export: {
        ours: Summary;
        papaparse: Summary;
        bytes: number | null;
        mainThreadCpu: { ours: Summary; papaparse: Summary };
        processCpu: { ours: Summary; papaparse: Summary };
        longestMainThreadBlockMs: { ours: Summary; papaparse: Summary };
      };
      breakdown: Record<string, number>;
      verify: { rows: number; headerMatches: boolean; sameAsSingleWalk: boolean };
    };
  };
  rows: string[][];
  header: string[];
  notes: string[];
  sizes: Sizes;
  heavy: Record<string, Contributor[]>;
  L: number;
  opts: Options;
  chromium: string;
  full: boolean;
}

function markdownReport(r: ReportInput): string {
  const x = r.results;
  const sw = x.switchLatency;
  const cs = x.contentScript;
  const log = x.decisionLog;
  const lines = [
    '# Performance bench',
    '',
    `Written by \`npm run bench\` (scripts/bench.ts) on ${x.date}: ${r.chromium}, headless; ` +
      `Node ${process.version}; ${x.machine.cpus} cores, load average ${x.machine.loadAverageAtStart[0]} ` +
      `at start and ${x.machine.loadAverageAtEnd[0]} at end (other work on the machine slows every ` +
      `timing); API latency L = ${r.L} ms; ${x.durationSeconds} s in all.` +
      (r.full ? '' : ' **Not a full run** (fewer runs or rows than the issue asks).'),
    '',
    '## Budgets',
    '',
    markdownTable(r.header, r.rows),
    '',
  ];
  if (r.notes.length) {
    lines.push('## What holds the failing budgets back', '', ...r.notes.map((n) => `- ${n}`), '');
  }
  lines.push(
    '## Switch latency (pushState in Chatwoot → the real side panel shows it)',
    '',
    markdownTable(
      ['', 'median', 'p95', 'min', 'max', 'n', 'next frame median', 'next frame p95'],
      [
        ['unforeseen first visit', ...stat(sw.cold), ...frame(sw.coldNextFrame)],
        ['warm (revisit)', ...stat(sw.warm), ...frame(sw.warmNextFrame)],
        ['foreseen first visit (fetched ahead)', ...stat(sw.foreseen), '', ''],
        ['first visit after the worker was stopped', ...stat(sw.stoppedWorker), '', ''],
      ],
    ),
    '',
    "Each hop, median (p95) in ms, from the panel's performance marks (components/shared/hooks.ts, " +
      'components/panel/common/queries.ts); "—" where the hop did not happen (a switch served from cache sends nothing):',
    '',
    markdownTable(
      ['hop', 'unforeseen', 'warm', 'foreseen', 'worker stopped'],
      (Object.keys(HOP_NAMES) as (keyof Hops)[]).map((h) => [
        HOP_NAMES[h],
        ...(['cold', 'warm', 'foreseen', 'stoppedWorker'] as const).map((k) => {
          const v = sw.hops[k][h];
          return v ? `${v.median} (${v.p95})` : '—';
        }),
      ]),
    ),
    '',
    `Worker start-up (a stopped worker's conversation/get minus an unforeseen one's, medians): ` +
      `${startup(sw.hops)} ms. Calls made ahead while switching: ${sw.callsAhead.total}, at most ` +
      `${sw.callsAhead.mostInAMinute} in a minute (declared budget ${sw.callsAhead.budgetPerMinute}, ` +
      'lib/ahead-budget.ts).',
    '',
    `Clock skew between the Chatwoot tab and the panel: ${sw.clock.skewMs} ms ` +
      `(± ${sw.clock.uncertaintyMs} ms), not subtracted.`,
    '',
    '## Realtime (Chatwoot event → the open panel shows it)',
    '',
    markdownTable(
      ['', 'median', 'p95', 'min', 'max', 'n'],
      [
        ['with the socket (ms)', ...stat(x.live.withSocket)],
        ['without it, polling every 15 s (ms)', ...stat(x.live.withoutSocket)],
      ],
    ),
    '',
    `While idle for ${x.live.idle.seconds} s with the panel open and the socket live: ` +
      `${x.live.idle.apiCalls.length} API calls (${x.live.idle.perMinute} per minute).`,
    '',
    '## Content script',
    '',
    markdownTable(
      ['', 'median', 'p95', 'max', 'n'],
      [
        [
          'ScriptDuration per navigation, with it (ms)',
          ...short(cs.perNavigationMs.scriptDuration),
        ],
        ['the same tab without it, 127.0.0.1 (ms)', ...short(cs.perNavigationMs.baselineWithoutIt)],
        ['its listener, synchronous part (ms)', ...short(cs.perNavigationMs.listener)],
      ],
    ),
    '',
    `While idle for ${cs.idle.seconds} s: script time ${cs.idle.scriptDurationMs} ms in the tab ` +
      `(baseline tab ${cs.idle.baselineScriptDurationMs} ms). Created since load: ` +
      `${describeCounts(cs.createdSinceLoad.timers)} timers/callbacks, ` +
      `${describeCounts(cs.createdSinceLoad.observers)} observers. Event listeners it added: ` +
      `${cs.listenersAdded.length ? cs.listenersAdded.map((l) => `\`${l}\``).join(', ') : 'none'}.`,
    '',
    '## Bundle sizes (store build)',
    '',
    markdownTable(
      ['entry point', 'file', 'raw KB', 'gzip KB'],
      r.sizes.entries.flatMap((e) => [
        [e.label, 'all', String(kb(e.raw)), String(kb(e.gzip))],
        ...(e.files.length > 1
          ? e.files.map((f) => [
              '',
              f.file + (f.lazy ? ' (lazy)' : ''),
              String(kb(f.raw)),
              String(kb(f.gzip)),
            ])
          : []),
      ]),
    ),
    '',
    `Files of the browser build that differ from the store build: ${
      x.builds.runBuildDiffers.length
        ? x.builds.runBuildDiffers
            .map((d) => `${d.file} (${d.bytesDelta >= 0 ? '+' : ''}${d.bytesDelta} bytes)`)
            .join(', ')
        : 'none'
    }.`,
    '',
    "What is heavy (each module's share of the entry point's minified bytes, from source maps, applied to its gzip size; an estimate):",
    '',
    markdownTable(
      ['entry point', 'largest parts (~gzip KB)'],
      Object.entries(r.heavy).map(([k, v]) => [
        k,
        v
          .slice(0, 8)
          .map((c) => `${c.module} ${c.approxGzipKB}`)
          .join(', '),
      ]),
    ),
    '',
    '## API calls',
    '',
    `- New conversation: ${x.apiCalls.newConversationCalls.map((c) => `\`${c}\``).join(', ')}.`,
    `- Queue: ${x.apiCalls.queue.callsPerRefresh} calls per refresh, measured ${x.apiCalls.queue.measured}, ` +
      `for ${x.apiCalls.queue.openAndPendingConversations} open and pending conversations (25 a page, ` +
      `one list per status and page); ${x.apiCalls.queue.refreshesInWindow} automatic refresh(es) in ` +
      `${x.apiCalls.queue.windowSeconds} s.`,
    '',
    `## Decision log at ${r.opts.rows.toLocaleString('en-US')} records`,
    '',
    markdownTable(
      ['', 'median', 'p95', 'min', 'max', 'n'],
      [
        ['write one: decisions.add (ms)', ...stat(log.writeOne.addDecision)],
        ['write one: recordAndEnqueue (ms)', ...stat(log.writeOne.recordAndEnqueue)],
        ['first page, fresh connection (ms)', ...stat(log.firstPage)],
        ['CSV export, exportDecisionsInWorkers (ms)', ...stat(log.export.ours)],
        ['same rows, Papa.unparse (ms)', ...stat(log.export.papaparse)],
        ['CSV export, main-thread CPU (ms)', ...stat(log.export.mainThreadCpu.ours)],
        ['Papa.unparse, main-thread CPU (ms)', ...stat(log.export.mainThreadCpu.papaparse)],
        ['CSV export, renderer CPU with workers (ms)', ...stat(log.export.processCpu.ours)],
        ['Papa.unparse, renderer CPU (ms)', ...stat(log.export.processCpu.papaparse)],
        [
          'CSV export, longest main-thread block (ms)',
          ...stat(log.export.longestMainThreadBlockMs.ours),
        ],
        [
          'Papa.unparse, longest main-thread block (ms)',
          ...stat(log.export.longestMainThreadBlockMs.papaparse),
        ],
      ],
    ),
    '',
    `Export: ${log.export.bytes === null ? '?' : (log.export.bytes / 1_048_576).toFixed(1)} MB, parsed back by ` +
      `Papa.parse to ${log.verify.rows} rows (header ${log.verify.headerMatches ? 'as documented' : 'DIFFERENT'}; ` +
      `${log.verify.sameAsSingleWalk ? 'byte for byte the single-walk export' : 'NOT the same bytes as the single-walk export'}). ` +
      `Where the time goes (best of 2 each, after the export runs): reading every row ` +
      `${log.breakdown.readAllChunksMs} ms in the single walk's chunks, from the packs ` +
      `(row by row: ${log.breakdown.readKeysetBatchesMs} ms as plain keyset batches from the index, ` +
      `${log.breakdown.readGetAllSortedMs} ms as one getAll of the table sorted in memory); writing the CSV ` +
      `${log.breakdown.csvOnlyOursMs} ms ` +
      `(Papa.unparse ${log.breakdown.csvOnlyPapaMs} ms; medians of 3); the progress count ${log.breakdown.progressCountMs} ms. ` +
      `The log view's action counts (shown beside the first page, loaded separately): ${log.actionCountsMs} ms. ` +
      `Writing the rows with bulkAdd took ${(log.seed.ms / 1000).toFixed(1)} s (during the queue window). ` +
      `Export runs: ${r.opts.exportRuns} each (every run reads all rows; 50 would take the bench past 5 minutes).`,
    '',
    '## How it is measured',
    METHOD,
  );
  return lines.join('\n');
}

function stat(s: Summary): string[] {
  return [s.median, s.p95, s.min, s.max, s.n].map(String);
}
function short(s: Summary): string[] {
  return [s.median, s.p95, s.max, s.n].map(String);
}
function frame(s: Summary): string[] {
  return s.n ? [String(s.median), String(s.p95)] : ['—', '—'];
}
function describeCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([k, v]) => `${k} ${v}`);
  return parts.length ? parts.join(', ') : 'none';
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 2;
  },
);

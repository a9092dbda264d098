// The bench's decision-log figures, used by scripts/bench.ts: an extension page running
// bench/page.ts (the product's own readers and writers on the extension's IndexedDB), the CSV
// export against Papa.unparse in wall time and renderer CPU, and where the export's time goes.

import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import * as esbuild from 'esbuild';
import type { CxBench, ExportRun } from '../bench/page';
import { check, summarize, type BudgetCheck } from '../bench/stats';

const ROOT = path.resolve(import.meta.dirname, '..');

/** An extension page (the options page, in its own window) with bench/page.ts loaded. */
export async function openBenchPage(
  context: BrowserContext,
  panel: Page,
  extensionId: string,
): Promise<Page> {
  const dbUrl = `chrome-extension://${extensionId}/options.html`;
  const dbPageP = context.waitForEvent('page', {
    predicate: (p) => p.url() === dbUrl,
    timeout: 20_000,
  });
  await panel.evaluate(async (url: string) => {
    const { chrome } = globalThis as unknown as {
      chrome: { windows: { create(o: object): Promise<unknown> } };
    };
    await chrome.windows.create({ url, focused: false });
  }, dbUrl);
  const dbPage = await dbPageP;
  await dbPage.waitForLoadState('load');
  const bundle = await esbuild.build({
    entryPoints: [path.join(ROOT, 'bench/page.ts')],
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'chrome116',
    write: false,
    logLevel: 'error',
  });
  await dbPage.evaluate(bundle.outputFiles[0]!.text);
  return dbPage;
}

/** Writes `rows` generated decisions into the extension's database (bench/page.ts). */
export function seedLog(dbPage: Page, rows: number) {
  type Bench = { cxBench: CxBench };
  return dbPage.evaluate(
    ({ rows }) => (globalThis as unknown as Bench).cxBench.seed(rows, 20261127),
    { rows },
  );
}

type CpuRun = ExportRun & { threadMs: number; processMs: number };

export async function measureLog(
  context: BrowserContext,
  dbPage: Page,
  exportRuns: number,
  log: (message: string) => void,
) {
  // A string, evaluated over CDP: the page's CSP forbids new Function / eval inside it.
  const evalBench = async <T>(fn: (b: CxBench, arg: number) => Promise<T>, arg = 0) =>
    (await dbPage.evaluate(`(${fn.toString()})(globalThis.cxBench, ${arg})`)) as T;
  log('decision log: warm-up read and parse-back check');
  const verify = await evalBench((b) => b.verify());
  log('decision log: first page, 50 times on a fresh connection');
  const firstPage: number[] = [];
  for (let i = 0; i < 50; i++) firstPage.push((await evalBench((b) => b.firstPage(true))).ms);
  const countsMs = await evalBench((b) => b.counts());
  log(`decision log: export vs Papa.unparse, ${exportRuns} runs each, interleaved`);
  // Wall time, and CPU time of the extension renderer's main thread and process (CDP
  // Performance in thread ticks): both pipelines wait on the same IndexedDB reads, whose wall
  // time swings with machine load; the CPU they burn is where the writers differ.
  const perf = await context.newCDPSession(dbPage);
  await perf.send('Performance.enable', { timeDomain: 'threadTicks' });
  const cpu = async () => {
    const { metrics } = await perf.send('Performance.getMetrics');
    const get = (name: string) => (metrics.find((m) => m.name === name)?.value ?? NaN) * 1000;
    return { thread: get('ThreadTime'), process: get('ProcessTime') };
  };
  const timed = async (fn: (b: CxBench) => Promise<ExportRun>): Promise<CpuRun> => {
    const a = await cpu();
    const r = await evalBench(fn);
    const b = await cpu();
    return { ...r, threadMs: b.thread - a.thread, processMs: b.process - a.process };
  };
  const ours: CpuRun[] = [];
  const papa: CpuRun[] = [];
  for (let i = 0; i < exportRuns; i++) {
    // ABBA order: neither writer always runs first (after the other's garbage).
    if (i % 2 === 0) ours.push(await timed((b) => b.exportOurs()));
    papa.push(await timed((b) => b.exportPapa()));
    if (i % 2 === 1) ours.push(await timed((b) => b.exportOurs()));
  }
  // Where an export's time goes, once the database has settled: best of 2 of each read.
  log('decision log: where the export time goes');
  const best = async (kind: 'chunks' | 'getAllSorted' | 'batches' | 'count') => {
    const runs: number[] = [];
    for (let i = 0; i < 2; i++) {
      const r = (await dbPage.evaluate(`globalThis.cxBench.readOnly(${JSON.stringify(kind)})`)) as {
        ms: number;
      };
      runs.push(r.ms);
    }
    return { ms: Math.min(...runs) };
  };
  const countOnly = await best('count');
  const readChunks = await best('chunks');
  const readBatches = await best('batches');
  const readSorted = await best('getAllSorted');
  // CSV writing alone, 3 times: the median of each writer.
  const formats = [];
  for (let i = 0; i < 3; i++) formats.push(await evalBench((b) => b.formatOnly()));
  const format = {
    oursMs: summarize(formats.map((f) => f.oursMs)).median,
    papaMs: summarize(formats.map((f) => f.papaMs)).median,
  };
  log('decision log: writing one decision, 50 times');
  const addOne = await evalBench((b, n) => b.addOne(n), 50);
  const recordOne = await evalBench((b, n) => b.recordAndEnqueueOne(n), 50);
  const rowsAtEnd = await evalBench((b) => b.count());
  return {
    verify,
    firstPage,
    countsMs,
    ours,
    papa,
    countOnly,
    readChunks,
    readBatches,
    readSorted,
    format,
    addOne,
    recordOne,
    rowsAtEnd,
  };
}

export function exportSummary(ours: readonly CpuRun[], papa: readonly CpuRun[]) {
  const oursS = summarize(
    ours.map((r) => r.ms),
    1,
  );
  const papaS = summarize(
    papa.map((r) => r.ms),
    1,
  );
  const oursCpu = summarize(
    ours.map((r) => r.threadMs),
    1,
  );
  const papaCpu = summarize(
    papa.map((r) => r.threadMs),
    1,
  );
  const oursProc = summarize(
    ours.map((r) => r.processMs),
    1,
  );
  const papaProc = summarize(
    papa.map((r) => r.processMs),
    1,
  );
  const oursBlocked = summarize(
    ours.map((r) => r.blockedMs),
    1,
  );
  const papaBlocked = summarize(
    papa.map((r) => r.blockedMs),
    1,
  );
  return { oursS, papaS, oursCpu, papaCpu, oursProc, papaProc, oursBlocked, papaBlocked };
}

/** Export ≤ 1 s (issue 21) and at least as fast as Papa in the same run. */
export function exportChecks(s: ReturnType<typeof exportSummary>): BudgetCheck[] {
  const { oursS, papaS, oursCpu, papaCpu, oursProc, papaProc } = s;
  return [
    check(
      'log.export',
      'CSV export of all rows, median',
      oursS.median,
      1000,
      'ms',
      `p95 ${oursS.p95} ms, n = ${oursS.n}`,
    ),
    check(
      'log.exportVsPapa',
      'CSV export vs Papa.unparse, same rows and run: CPU of the extension renderer (page and its workers), ratio of medians',
      Math.round((oursProc.median / papaProc.median) * 100) / 100,
      1,
      '×',
      `CPU ours ${oursProc.median} ms, Papa ${papaProc.median} ms; wall ours ${oursS.median} ms, ` +
        `Papa ${papaS.median} ms; page main thread ours ${oursCpu.median} ms, Papa ${papaCpu.median} ms`,
      '≤ 1× (at least as fast)',
    ),
  ];
}

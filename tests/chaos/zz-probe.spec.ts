import { randomUUID } from 'node:crypto';
import type { Browser } from 'wxt/browser';
import { expect, test } from '../e2e/fixtures';

const MODE = process.env.PROBE_MODE ?? 'pending';
test(`probe ${MODE}`, async ({ context, extensionId, standin, signedIn: _s }) => {
  test.setTimeout(240_000);
  const driver = await context.newPage();
  await driver.goto(`chrome-extension://${extensionId}/options.html`);
  const cdp = await context.newCDPSession(driver);
  await cdp.send('ServiceWorker.enable');
  const status = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => { for (const v of versions) status.set(v.versionId, v.runningStatus); });
  const kind = process.env.PROBE_KIND;
  if (kind) standin.faults.add({ path: '^/api/v1/', kind: kind as 'drop', probability: 0.3, status: 500 });
  else standin.faults.add({ path: '^/api/v1/', kind: 'latency', ms: 400 });
  let crashed = false;
  context.on('close', () => { crashed = true; });
  const send = (type: string, payload: unknown) => driver.evaluate(async ({ type, payload }) => {
    const { chrome } = globalThis as unknown as { chrome: typeof Browser };
    try { return await chrome.runtime.sendMessage({ type, payload }); } catch (e) { return String(e); }
  }, { type, payload });
  let n = 0;
  for (let cycle = 0; cycle < 40 && !crashed; cycle++) {
    const pending = Array.from({ length: 10 }, (_, i) => send('action/submit', {
      action: 'chatwoot.approve_send', requestId: randomUUID(), accountId: 1, conversationId: [1,2,3,5,7,9,10,11,12,14][i],
      replyBody: `probe ${n++}`, suggestedTemplate: 'ack_delay', suggestedBody: 'x', note: null, customerName: null,
    }));
    if (MODE === 'settled') await Promise.all(pending);
    else await new Promise((r) => setTimeout(r, 200));
    if (MODE === 'running') {
      for (let i = 0; i < 100 && !([...status.values()].includes('running') && ![...status.values()].some((s) => s === 'starting' || s === 'stopping')); i++) await new Promise((r) => setTimeout(r, 20));
    }
    if (MODE !== 'nostop') await cdp.send('ServiceWorker.stopAllWorkers').catch(() => { crashed = true; });
    if (MODE !== 'settled') await Promise.all(pending).catch(() => { crashed = true; });
    console.log('cycle', cycle, [...status.values()].join(','));
  }
  expect(crashed).toBe(false);
});

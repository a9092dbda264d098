import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { connectPanelPort } from '../../../lib/platform/panel-port';
import type { PanelHoldings } from '../../../lib/messages';

// The panel's port tells the worker what it watches and what it holds (issue 21): the holdings
// when the port opens (again, after a worker stop) and whenever they change, never twice alike.

beforeEach(() => fakeBrowser.reset());

function fakeConnect() {
  const posted: unknown[][] = [];
  const drops: (() => void)[] = [];
  vi.spyOn(fakeBrowser.runtime, 'connect').mockImplementation(() => {
    const mine: unknown[] = [];
    posted.push(mine);
    return {
      name: 'panel',
      postMessage: (m: unknown) => mine.push(m),
      onMessage: { addListener: () => undefined },
      onDisconnect: { addListener: (l: () => void) => drops.push(l) },
      disconnect: () => undefined,
    } as never;
  });
  return { posted, drop: () => drops.at(-1)!() };
}

describe('connectPanelPort holdings', () => {
  it('posts them on open, on change, and again on a new port', async () => {
    vi.useFakeTimers();
    const { posted, drop } = fakeConnect();
    let holdings: PanelHoldings | null = null;
    const port = connectPanelPort({
      watch: () => ({ accountId: null }),
      holdings: () => holdings,
      onEvent: () => undefined,
    });
    expect(posted[0]).toEqual([{ watch: { accountId: null } }]); // window not known yet
    holdings = { window: 3, held: [[1, 5]] };
    port.retell();
    port.retell(); // unchanged: not sent again
    holdings = {
      window: 3,
      held: [
        [1, 5],
        [1, 6],
      ],
    };
    port.retell();
    expect(posted[0]!.slice(1)).toEqual([
      { holdings: { window: 3, held: [[1, 5]] } },
      {
        holdings: {
          window: 3,
          held: [
            [1, 5],
            [1, 6],
          ],
        },
      },
    ]);
    drop(); // the worker stopped: a new port after a while, told everything again
    await vi.advanceTimersByTimeAsync(2_000);
    expect(posted[1]).toEqual([
      { watch: { accountId: null } },
      {
        holdings: {
          window: 3,
          held: [
            [1, 5],
            [1, 6],
          ],
        },
      },
    ]);
    port.close();
    vi.useRealTimers();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

// The toolbar icon's pixels are decoded once per state per worker life (lib/platform/action-icon.ts):
// a path makes Chrome fetch and decode the PNGs in the worker at every call.

type SetIcon = { tabId?: number; imageData?: Record<number, { tag: string }>; path?: unknown };

function fakeCanvas(decodes: string[], gate: Map<string, Promise<void>>) {
  vi.stubGlobal('fetch', async (url: string) => ({ blob: async () => ({ url }) }));
  vi.stubGlobal('createImageBitmap', async (blob: { url: string }) => {
    const state = /icon\/(\w+)-/.exec(blob.url)![1]!;
    decodes.push(blob.url.replace(/^.*\/icon\//, ''));
    await gate.get(state);
    return { url: blob.url };
  });
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      constructor(readonly size: number) {}
      getContext() {
        let drawn = '';
        return {
          drawImage: (b: { url: string }) => (drawn = b.url.replace(/^.*\/icon\//, '')),
          getImageData: () => ({ tag: drawn }),
        };
      }
    },
  );
}

let calls: SetIcon[] = [];
beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules();
  calls = [];
  (fakeBrowser as unknown as { action: object }).action = {
    setIcon: async (details: SetIcon) => void calls.push(details),
  };
});
afterEach(() => vi.unstubAllGlobals());

describe('setToolbarIcon', () => {
  it('decodes each state once, then sets pixels, not a path', async () => {
    const decodes: string[] = [];
    fakeCanvas(decodes, new Map());
    const { setToolbarIcon } = await import('../../../lib/platform/action-icon');
    await setToolbarIcon('live', 7);
    await setToolbarIcon('live', 8);
    await setToolbarIcon('on');
    expect(decodes).toEqual(['live-16.png', 'live-32.png', 'on-16.png', 'on-32.png']);
    expect(calls).toEqual([
      { tabId: 7, imageData: { 16: { tag: 'live-16.png' }, 32: { tag: 'live-32.png' } } },
      { tabId: 8, imageData: { 16: { tag: 'live-16.png' }, 32: { tag: 'live-32.png' } } },
      { tabId: undefined, imageData: { 16: { tag: 'on-16.png' }, 32: { tag: 'on-32.png' } } },
    ]);
  });

  it('the state asked for last wins, even when an earlier one decodes slower', async () => {
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    fakeCanvas([], new Map([['on', slow]]));
    const { setToolbarIcon } = await import('../../../lib/platform/action-icon');
    await setToolbarIcon('live', 7); // cached from here on
    calls = [];
    const first = setToolbarIcon('on', 7); // still decoding
    const second = setToolbarIcon('live', 7);
    await second;
    release();
    await first;
    expect(calls.map((c) => c.imageData?.[16]?.tag)).toEqual(['live-16.png']);
  });

  it('falls back to the paths where nothing can decode', async () => {
    vi.stubGlobal('createImageBitmap', undefined);
    const { setToolbarIcon } = await import('../../../lib/platform/action-icon');
    await setToolbarIcon('off', 3);
    expect(calls).toEqual([{ tabId: 3, path: { 16: '/icon/off-16.png', 32: '/icon/off-32.png' } }]);
  });
});

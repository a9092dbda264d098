import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { defineItem } from '../../../lib/platform/storage';

beforeEach(() => fakeBrowser.reset());

describe('defineItem', () => {
  it('reads the fallback until a value is stored, then the value, in its own area and key', async () => {
    const item = defineItem<{ n: number }>('local:thing', { fallback: { n: 0 } });
    expect(await item.getValue()).toEqual({ n: 0 });
    await item.setValue({ n: 2 });
    expect(await item.getValue()).toEqual({ n: 2 });
    expect(await browser.storage.local.get('thing')).toEqual({ thing: { n: 2 } });
    expect(await browser.storage.session.get('thing')).toEqual({});
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
  ])('setting %s removes the value: the fallback reads back', async (_l, empty) => {
    const item = defineItem<string | null>('session:who', { fallback: null });
    await item.setValue('ana');
    await item.setValue(empty as null);
    expect(await item.getValue()).toBeNull();
    expect(await browser.storage.session.get('who')).toEqual({});
  });

  it('hands out a copy of the fallback: editing what was read edits nothing shared', async () => {
    const item = defineItem<Record<string, number>>('session:pages', { fallback: {} });
    const read = await item.getValue();
    read.seven = 7; // a caller's read-edit-write that never got to write
    expect(await item.getValue()).toEqual({});
  });

  it('removeValue goes back to the fallback', async () => {
    const item = defineItem<number>('local:count', { fallback: 7 });
    await item.setValue(1);
    await item.removeValue();
    expect(await item.getValue()).toBe(7);
  });

  it('keeps falsy values that are values (0, false, empty string)', async () => {
    for (const v of [0, false, '']) {
      const item = defineItem<number | boolean | string>('local:falsy', { fallback: 'fb' });
      await item.setValue(v);
      expect(await item.getValue()).toBe(v);
    }
  });
});

describe('watch', () => {
  it('reports changes of its key in its area only, with the fallback for "nothing", until unsubscribed', async () => {
    const item = defineItem<number>('local:n', { fallback: -1 });
    const seen: [number, number][] = [];
    const stop = item.watch((n, o) => seen.push([n, o]));
    await item.setValue(1);
    await browser.storage.session.set({ n: 99 }); // other area
    await browser.storage.local.set({ other: 5 }); // other key
    await item.removeValue();
    stop();
    await item.setValue(3);
    expect(seen).toEqual([
      [1, -1],
      [-1, 1],
    ]);
  });

  it('sees writes made through another item declared for the same key', async () => {
    const seen: unknown[] = [];
    const stop = defineItem<{ email: string } | null>('session:operator', {
      fallback: null,
    }).watch((n) => seen.push(n));
    await defineItem<{ email: string } | null>('session:operator', { fallback: null }).setValue({
      email: 'a@b.c',
    });
    stop();
    expect(seen).toEqual([{ email: 'a@b.c' }]);
  });
});

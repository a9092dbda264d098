import { browser } from 'wxt/browser';

// Storage items declared once (`defineItem('local:settings', { fallback })`), over
// browser.storage. What we used of @wxt-dev/storage (get, set, watch, a fallback), without its
// 3 KB gzip of versioning, metadata and batching in every bundle (issue 8).

export type StorageArea = 'local' | 'session';
export type StorageKey = `${StorageArea}:${string}`;

export interface StorageItem<T> {
  readonly key: StorageKey;
  /** The stored value, or the fallback when nothing is stored. */
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Called on every change, from any context; returns the unsubscribe function. */
  watch(callback: (newValue: T, oldValue: T) => void): () => void;
}

function split(key: StorageKey): [StorageArea, string] {
  const i = key.indexOf(':');
  return [key.slice(0, i) as StorageArea, key.slice(i + 1)];
}

function watchKey(
  key: StorageKey,
  callback: (newValue: unknown, oldValue: unknown) => void,
): () => void {
  const [area, name] = split(key);
  const listener = (
    changes: Record<string, { newValue?: unknown; oldValue?: unknown }>,
    where: string,
  ) => {
    const change = changes[name];
    if (where === area && change) callback(change.newValue, change.oldValue);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

export function defineItem<T>(key: StorageKey, options: { fallback: T }): StorageItem<T> {
  const [area, name] = split(key);
  const store = () => browser.storage[area];
  // A copy each time: a caller that edits what it read must not edit the fallback itself.
  const orFallback = (v: unknown): T =>
    v === undefined || v === null ? structuredClone(options.fallback) : (v as T);
  return {
    key,
    async getValue() {
      return orFallback((await store().get(name))[name]);
    },
    async setValue(value) {
      // null and undefined mean "nothing": the fallback reads back, as with @wxt-dev/storage.
      if (value === undefined || value === null) await store().remove(name);
      else await store().set({ [name]: value });
    },
    async removeValue() {
      await store().remove(name);
    },
    watch(callback) {
      return watchKey(key, (n, o) => callback(orFallback(n), orFallback(o)));
    },
  };
}

import type { Table } from 'dexie';

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key starting with `prefix`. */
  keys(prefix: string): Promise<string[]>;
}

export function tableKv(table: Table<{ key: string; value: unknown }, string>): KeyValueStore {
  return {
    async get<T>(key: string) {
      return (await table.get(key))?.value as T | undefined;
    },
    async set(key, value) {
      await table.put({ key, value });
    },
    async delete(key) {
      await table.delete(key);
    },
    async keys(prefix) {
      return (await table.where(':id').startsWith(prefix).primaryKeys()) as string[];
    },
  };
}

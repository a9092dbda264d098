import { describe, expect, it } from 'vitest';
import { syncDetector, type RegistrationApi } from '../../../lib/background/registration';

function fakeApi(granted: string[], registered: string[] = []) {
  const log: string[] = [];
  const api: RegistrationApi = {
    hasOrigin: async (origin) => granted.includes(origin),
    registered: async () => registered,
    register: async (matches) => {
      log.push(`register ${matches.join(',')}`);
      registered = matches;
    },
    unregister: async () => {
      log.push('unregister');
      registered = [];
    },
    injectIntoOpenTabs: async (matches) => void log.push(`inject ${matches.join(',')}`),
  };
  return { api, log };
}

describe('syncDetector: the content script follows the configured Chatwoot origin', () => {
  it('registers and injects into open tabs once the origin is granted', async () => {
    const { api, log } = fakeApi(['https://chat.example.org']);
    expect(await syncDetector(api, 'https://chat.example.org')).toBe('registered');
    expect(log).toEqual([
      'register https://chat.example.org/*',
      'inject https://chat.example.org/*',
    ]);
  });

  it('does nothing when already registered for that origin', async () => {
    const { api, log } = fakeApi(['https://a.test'], ['https://a.test/*']);
    expect(await syncDetector(api, 'https://a.test')).toBe('unchanged');
    expect(log).toEqual([]);
  });

  it('moves to a new origin', async () => {
    const { api, log } = fakeApi(['https://b.test'], ['https://a.test/*']);
    expect(await syncDetector(api, 'https://b.test')).toBe('registered');
    expect(log[0]).toBe('unregister');
  });

  it('refuses to run without the permission, and removes a stale registration', async () => {
    const { api, log } = fakeApi([], ['https://a.test/*']);
    expect(await syncDetector(api, 'https://a.test')).toBe('no-permission');
    expect(log).toEqual(['unregister']);
  });

  it('removes the script when no origin is configured', async () => {
    const { api } = fakeApi([], ['https://a.test/*']);
    expect(await syncDetector(api, null)).toBe('removed');
  });
});

describe('syncDetector under concurrent calls', () => {
  it('registers once when two syncs race', async () => {
    const { api, log } = fakeApi(['https://a.test']);
    await Promise.all([syncDetector(api, 'https://a.test'), syncDetector(api, 'https://a.test')]);
    expect(log.filter((l) => l.startsWith('register'))).toHaveLength(1);
  });
});

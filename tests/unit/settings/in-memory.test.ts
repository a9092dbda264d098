import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  DEFAULT_SETTINGS,
  managedSnapshotItem,
  settingsInEffect,
  settingsItem,
} from '../../../lib/settings/settings';

// The worker's settings in memory (issue 21): read from storage once, read again only after
// the user's settings or the policy's copy change.

beforeEach(() => {
  fakeBrowser.reset();
});

describe('settingsInEffect', () => {
  it('reads storage once, then again after the settings change', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: 'https://a.test' });
    const reads = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect((await settingsInEffect()).chatwootUrl).toBe('https://a.test');
    const after = reads.mock.calls.length;
    await settingsInEffect();
    await settingsInEffect();
    expect(reads.mock.calls.length).toBe(after); // from memory
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, chatwootUrl: 'https://b.test' });
    await vi.waitFor(async () =>
      expect((await settingsInEffect()).chatwootUrl).toBe('https://b.test'),
    );
  });

  it("follows the policy's copy too (managed over local)", async () => {
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      chatwootUrl: 'https://a.test',
      slaMinutes: 30,
    });
    await vi.waitFor(async () =>
      expect((await settingsInEffect()).chatwootUrl).toBe('https://a.test'),
    );
    await managedSnapshotItem.setValue({ slaMinutes: 45 });
    await vi.waitFor(async () => expect((await settingsInEffect()).slaMinutes).toBe(45));
  });
});

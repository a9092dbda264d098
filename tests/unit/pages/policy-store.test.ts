import { describe, expect, it } from 'vitest';
import { currentPolicy, subscribePolicy } from '../../../components/shared/usePolicy';
import { LibraryLockedError, saveLibrary } from '../../../components/shared/useTemplateLibrary';
import { managedSnapshotItem, templatesItem } from '../../../lib/settings/settings';
import { defaultLibrary } from '../../../lib/sop/templates/library';

// The pages' one copy of the administrator's policy (components/shared/usePolicy.ts), and the
// template library's writer, which refuses while that policy locks the library. Module state:
// the steps run in order, in one browser (WXT's fake), without resetting it.

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 50 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
};

describe('the policy as the pages see it', () => {
  it('is read once, then follows every change, with what it could not use', async () => {
    await until(() => currentPolicy().ready);
    expect(currentPolicy()).toMatchObject({ settings: {}, invalid: [], templates: null });

    let changes = 0;
    const stop = subscribePolicy(() => changes++);
    await managedSnapshotItem.setValue({ aiDraftEnabled: false, slaMinutes: 0 });
    await until(() => currentPolicy().settings.aiDraftEnabled === false);
    expect(currentPolicy().invalid).toEqual([{ key: 'slaMinutes', value: '0' }]);
    expect(changes).toBeGreaterThan(0);
    stop();
  });

  it('locks the template library: saveLibrary refuses and writes nothing', async () => {
    const mine = { ...defaultLibrary(), frenchTemplates: true };
    await saveLibrary(mine, true);
    expect(await templatesItem.getValue()).toEqual(mine);

    await managedSnapshotItem.setValue({ templates: defaultLibrary() });
    await until(() => currentPolicy().templates !== null);
    await expect(saveLibrary(defaultLibrary(), true)).rejects.toBeInstanceOf(LibraryLockedError);
    expect(await templatesItem.getValue()).toEqual(mine);

    await managedSnapshotItem.setValue({});
    await until(() => currentPolicy().templates === null);
    await expect(saveLibrary(defaultLibrary(), false)).rejects.toBeInstanceOf(LibraryLockedError);
    await saveLibrary(defaultLibrary(), true);
    expect(await templatesItem.getValue()).toEqual(defaultLibrary());
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { onTabUrl } from '../../../lib/platform/tabs';
import { tabUpdated } from '../tab-events';

// The panel hears a Chatwoot tab's new URL from the browser itself (issue 21): only URLs of the
// configured origin, only when the URL changed.

const ORIGIN = 'https://chat.example.org';

beforeEach(() => fakeBrowser.reset());

describe('onTabUrl', () => {
  it('reports URL changes on the configured origin, and nothing else', async () => {
    const heard: unknown[] = [];
    let origin: string | null = ORIGIN;
    const stop = onTabUrl(
      () => origin,
      (r) => heard.push(r),
    );
    const page = `${ORIGIN}/app/accounts/1/conversations/5`;
    await tabUpdated(7, { url: page }, { windowId: 3, active: true });
    await tabUpdated(8, { url: page }, { windowId: 3, active: false });
    expect(heard).toEqual([
      { url: page, tabId: 7, windowId: 3, active: true },
      { url: page, tabId: 8, windowId: 3, active: false },
    ]);

    // No URL in the change (a title, a load state), another origin, a look-alike host, no window.
    await tabUpdated(7, { status: 'complete' }, { windowId: 3, active: true });
    await tabUpdated(
      7,
      { url: 'https://evil.test/app/accounts/1/conversations/6' },
      { windowId: 3 },
    );
    await tabUpdated(7, { url: 'https://chat.example.org.evil.test/app' }, { windowId: 3 });
    await tabUpdated(7, { url: page }, { active: true });
    origin = null; // not configured
    await tabUpdated(7, { url: page }, { windowId: 3, active: true });
    expect(heard).toHaveLength(2);

    origin = ORIGIN;
    stop();
    await tabUpdated(7, { url: page }, { windowId: 3, active: true });
    expect(heard).toHaveLength(2);
  });
});

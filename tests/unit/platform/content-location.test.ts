import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { onContentLocation } from '../../../lib/platform/messaging';

// The panel hears the content script's page/location itself (issue 21): only this
// extension's content script, in a tab, from the configured origin, naming a page of it.

const ORIGIN = 'https://chat.example.org';
const trigger = (message: unknown, sender: object) =>
  (fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>)(
    message,
    sender,
  );
const location = (url: string) => ({ type: 'page/location', payload: { url } });
const tab = { id: 7, windowId: 3, active: true };

beforeEach(() => fakeBrowser.reset());

describe('onContentLocation', () => {
  it('reports what the configured Chatwoot tab says, and nothing else', async () => {
    const heard: unknown[] = [];
    const stop = onContentLocation(
      () => ORIGIN,
      (r) => heard.push(r),
    );
    const page = `${ORIGIN}/app/accounts/1/conversations/5`;
    const self = { id: fakeBrowser.runtime.id, origin: ORIGIN, url: page, tab };
    await trigger(location(page), self);
    expect(heard).toEqual([{ url: page, tabId: 7, windowId: 3, active: true }]);

    // Another origin, a URL of another origin, another extension, a page (no tab), a request.
    await trigger(location('https://evil.test/app/accounts/1/conversations/6'), {
      ...self,
      origin: 'https://evil.test',
      url: 'https://evil.test/app',
    });
    await trigger(location('https://evil.test/app/accounts/1/conversations/6'), self);
    await trigger(location(page), { ...self, id: 'someone-else' });
    await trigger(location(page), {
      id: fakeBrowser.runtime.id,
      url: 'chrome-extension://x/options.html',
    });
    await trigger({ type: 'conversation/get', payload: { url: page } }, self);
    expect(heard).toHaveLength(1);

    stop();
    await trigger(location(page), self);
    expect(heard).toHaveLength(1);
  });
});

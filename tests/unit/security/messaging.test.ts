import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  broadcast,
  checkSender,
  handleRequests,
  type Handlers,
  type SenderInfo,
  type SenderPolicy,
} from '../../../lib/background/requests';
import type { BackgroundEvent } from '../../../lib/messages';
import { onBackgroundEvent, send } from '../../../lib/platform/messaging';

// Issue 9, "who can see what", at the protocol edge: who may send what, what is validated,
// and the panel's requests surviving a worker that Chrome stopped mid-answer.

const EXT = fakeBrowser.runtime.id;
const policy: SenderPolicy = {
  extensionId: EXT,
  extensionOrigin: `chrome-extension://${EXT}`,
  allowedContentOrigin: async () => 'https://chat.example.org',
};
const contentScript = (url: string, origin = new URL(url).origin): SenderInfo => ({
  id: EXT,
  url,
  origin,
  tab: { id: 4, windowId: 1, url },
});

type Sender = Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1];
/** The fake's trigger passes every argument on, sendResponse included (its type names two). */
const trigger = (message: unknown, sender: Sender, sendResponse: (reply: unknown) => void) =>
  (fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>)(
    message,
    sender,
    sendResponse,
  );

beforeEach(() => fakeBrowser.reset());

describe('checkSender: content scripts only from the configured origin, only page/location', () => {
  it.each([
    ['a look-alike host', 'https://chat.example.org.evil.example/app'],
    ['another scheme', 'http://chat.example.org/app'],
    ['another port', 'https://chat.example.org:8443/app'],
    ['a sub-domain', 'https://evil.chat.example.org/app'],
  ])('refuses %s', async (_, url) => {
    expect(await checkSender('page/location', contentScript(url), policy)).toBe(
      'content script from an unconfigured origin',
    );
  });

  it('refuses a sandboxed frame (origin "null") even on the Chatwoot page', async () => {
    const sender = contentScript('https://chat.example.org/app', 'null');
    expect(await checkSender('page/location', sender, policy)).not.toBeNull();
  });

  it('refuses everything before a Chatwoot URL is configured', async () => {
    const unconfigured = { ...policy, allowedContentOrigin: async () => null };
    const sender = contentScript('https://chat.example.org/app');
    expect(await checkSender('page/location', sender, unconfigured)).not.toBeNull();
  });

  it('refuses a sender without our id, whatever its URL says', async () => {
    const sender = { url: `chrome-extension://${EXT}/sidepanel.html` };
    expect(await checkSender('conversation/get', sender, policy)).toBe('foreign sender');
  });

  it('does not take a URL that merely starts like our origin for an extension page', async () => {
    const sender = { id: EXT, url: `chrome-extension://${EXT}.evil.example/x`, tab: { id: 1 } };
    expect(await checkSender('queue/get', sender, policy)).not.toBeNull();
  });
});

describe('handleRequests: validated, sender-checked, nothing reaches a handler otherwise', () => {
  function serve() {
    const calls: string[] = [];
    const handlers = new Proxy(
      {},
      {
        get: (_, type) => async () => {
          calls.push(String(type));
          return { ok: true };
        },
      },
    ) as Handlers;
    handleRequests(handlers, policy);
    /** As Chrome delivers it: the answer is what the listener passes to sendResponse. */
    const deliver = (message: unknown, sender: SenderInfo) =>
      new Promise<unknown>((resolve) => {
        void trigger(message, sender as Sender, resolve).then(([kept]) => {
          if (kept !== true) resolve(undefined); // not ours: the channel closes unanswered
        });
      });
    return { calls, deliver };
  }
  const panel: SenderInfo = {
    id: EXT,
    url: `chrome-extension://${EXT}/sidepanel.html`,
    origin: `chrome-extension://${EXT}`,
  };

  it('a content script asking for data, settings or an action is refused before any handler', async () => {
    const { calls, deliver } = serve();
    const chatwoot = contentScript('https://chat.example.org/app/accounts/1/conversations/2');
    for (const [type, payload] of [
      ['conversation/get', { accountId: 1, conversationId: 2 }],
      ['settings/save', { chatwootUrl: 'https://evil.example', authMode: 'token', token: 't' }],
      ['outbox/list', {}],
    ] as const) {
      expect(await deliver({ type, payload }, chatwoot)).toEqual({
        protocolError: `content scripts may not send ${type}`,
      });
    }
    expect(calls).toEqual([]);
    expect(await deliver({ type: 'page/location', payload: { url: 'x' } }, chatwoot)).toEqual({
      ok: true,
    });
    expect(calls).toEqual(['page/location']);
  });

  it('a page of the extension with a malformed payload gets a protocol error, not a handler call', async () => {
    const { calls, deliver } = serve();
    const bad = [
      { type: 'conversation/get', payload: { accountId: '1', conversationId: 2 } },
      { type: 'conversation/get', payload: null },
      { type: 'action/submit', payload: { action: 'chatwoot.approve_send', accountId: 1 } },
      { type: 'page/location', payload: { url: 'x'.repeat(5_000) } },
    ];
    for (const message of bad) {
      expect(await deliver(message, panel)).toEqual({
        protocolError: expect.stringMatching(/^invalid /),
      });
    }
    expect(calls).toEqual([]);
  });

  it('answers through sendResponse and keeps the channel open with `true`, as Chrome 116–143 need', async () => {
    serve();
    const sendResponse = vi.fn();
    const [kept] = await trigger(
      { type: 'tab/open-conversation', payload: { tabId: 1, accountId: 1, conversationId: 2 } },
      panel as Sender,
      sendResponse,
    );
    // A returned Promise is only honoured from Chrome 144: older versions close the channel.
    expect(kept).toBe(true);
    await vi.waitFor(() => expect(sendResponse).toHaveBeenCalledWith({ ok: true }));
  });

  it('ignores what is not a request (events, strings, unknown types)', async () => {
    const { calls, deliver } = serve();
    for (const message of [
      'conversation/get',
      { event: 'outbox/changed', conversationId: null },
      { type: 'debug/dump', payload: {} },
      { type: 'toString', payload: {} },
    ]) {
      expect(await deliver(message, panel)).toBeUndefined();
    }
    expect(calls).toEqual([]);
  });
});

describe('onBackgroundEvent: only the background may send events to the panel', () => {
  const event = { event: 'outbox/changed', conversationId: 8 };
  it.each([
    ['the background', { id: EXT, url: `chrome-extension://${EXT}/background.js` }, 1],
    ['a content script (it has a tab)', contentScript('https://chat.example.org/app'), 0],
    ['another extension', { id: 'someone-else' }, 0],
  ])('from %s', async (_, sender, delivered) => {
    const listener = vi.fn();
    const stop = onBackgroundEvent(listener);
    await fakeBrowser.runtime.onMessage.trigger(event, sender as Sender);
    stop();
    expect(listener).toHaveBeenCalledTimes(delivered);
  });

  it('the background never sends a malformed event (it is checked before it leaves)', () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const malformed = { event: 'context/changed', context: { windowId: 'x' } };
    expect(() => broadcast(malformed as unknown as BackgroundEvent)).toThrow();
    expect(spy).not.toHaveBeenCalled();
  });

  it('a page message that is a request, not an event, is not taken for one', async () => {
    const listener = vi.fn();
    const stop = onBackgroundEvent(listener);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'outbox/list', payload: {} }, { id: EXT });
    stop();
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('send(): a request whose answer was lost when the worker stopped goes again', () => {
  const closed = new Error(
    'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
  );

  it('re-sends once the worker stopped mid-answer, and validates the answer', async () => {
    const spy = vi
      .spyOn(fakeBrowser.runtime, 'sendMessage')
      .mockRejectedValueOnce(closed)
      .mockResolvedValueOnce({ context: null });
    await expect(send('context/get', { windowId: 1 })).resolves.toEqual({ context: null });
    expect(spy).toHaveBeenCalledTimes(2);
    expect(spy.mock.calls[0]).toEqual(spy.mock.calls[1]); // the same request, same requestId
  });

  it('gives up after three tries, and never retries other errors', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(closed);
    await expect(send('outbox/list', {})).rejects.toThrow(/message channel closed/);
    expect(spy).toHaveBeenCalledTimes(3);
    spy.mockReset().mockRejectedValue(new Error('Extension context invalidated.'));
    await expect(send('outbox/list', {})).rejects.toThrow(/invalidated/);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('a handler answer that is not of the reply shape never reaches the page', async () => {
    const bad = { 'outbox/list': async () => ({ decisions: 'all of them' }) };
    handleRequests(bad as unknown as Handlers, policy);
    const reply = await new Promise((resolve) => {
      void trigger(
        { type: 'outbox/list', payload: {} },
        { id: EXT, url: `chrome-extension://${EXT}/sidepanel.html` } as Sender,
        resolve,
      );
    });
    expect(reply).toEqual({ protocolError: expect.stringMatching(/bad reply to outbox\/list/) });
  });
});

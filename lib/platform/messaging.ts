import { browser } from 'wxt/browser';
import {
  envelopeSchema,
  eventSchema,
  isRequestType,
  replies,
  requests,
  type BackgroundEvent,
  type ReplyOf,
  type RequestOf,
  type RequestType,
} from '../messages';

// The only way extension pages talk to the background. Replies are validated on return.

export async function send<T extends RequestType>(
  type: T,
  payload: RequestOf<T>,
): Promise<ReplyOf<T>> {
  const raw = await sendAgainIfWorkerStopped({ type, payload });
  if (raw && typeof raw === 'object' && 'protocolError' in raw) {
    throw new Error(`Background refused ${type}: ${String(raw.protocolError)}`);
  }
  return replies[type].parse(raw) as ReplyOf<T>;
}

/** Chrome stops the worker when idle or on update, dropping any answer it owed: the request
 * goes once more to the fresh worker. Every request is safe to repeat (`action/submit` carries
 * its `requestId`, so a re-sent confirmation returns the decision already made). */
async function sendAgainIfWorkerStopped(message: unknown, tries = 3): Promise<unknown> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await browser.runtime.sendMessage(message)) as unknown;
    } catch (error) {
      const stopped = /message (channel|port) closed|Receiving end does not exist/i;
      if (attempt >= tries || !stopped.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150 * attempt));
    }
  }
}

export function onBackgroundEvent(listener: (event: BackgroundEvent) => void): () => void {
  const handler = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Events come from the background only: a content script (it has a tab) may not fake one.
    if (sender.id !== browser.runtime.id || sender.tab) return;
    const parsed = eventSchema.safeParse(message);
    if (parsed.success) listener(parsed.data);
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}

export function broadcast(event: BackgroundEvent): void {
  // No page may be listening (panel closed): that rejection is expected, not an error.
  browser.runtime.sendMessage(eventSchema.parse(event)).catch(() => undefined);
}

export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; windowId?: number; url?: string };
}

export type Handlers = {
  [T in RequestType]: (payload: RequestOf<T>, sender: SenderInfo) => Promise<ReplyOf<T>>;
};

/** Which senders may send what: pages of this extension anything; content scripts only
 * `page/location`, and only from the configured Chatwoot origin. */
export interface SenderPolicy {
  /** e.g. `chrome-extension://abc…` (no trailing slash). */
  extensionOrigin: string;
  extensionId: string;
  allowedContentOrigin: () => Promise<string | null>;
}

export async function checkSender(
  type: RequestType,
  sender: SenderInfo,
  policy: SenderPolicy,
): Promise<string | null> {
  if (sender.id !== policy.extensionId) return 'foreign sender';
  const fromPage =
    sender.origin === policy.extensionOrigin ||
    !!sender.url?.startsWith(`${policy.extensionOrigin}/`);
  if (fromPage) return null; // panel, options (even opened as a tab)
  const origin = sender.origin ?? (sender.url ? new URL(sender.url).origin : null);
  if (type !== 'page/location') return `content scripts may not send ${type}`;
  const allowed = await policy.allowedContentOrigin();
  if (!allowed || origin !== allowed) return 'content script from an unconfigured origin';
  return null;
}

/** Dispatch validated requests to one handler map (refined-github's handleMessages). */
export function handleRequests(handlers: Handlers, policy: SenderPolicy): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: SenderInfo) => {
    const envelope = envelopeSchema.safeParse(message);
    if (!envelope.success || !isRequestType(envelope.data.type)) return undefined;
    const type = envelope.data.type;
    return dispatch(type, envelope.data.payload, sender, handlers, policy);
  });
}

async function dispatch<T extends RequestType>(
  type: T,
  payload: unknown,
  sender: SenderInfo,
  handlers: Handlers,
  policy: SenderPolicy,
): Promise<unknown> {
  const refused = await checkSender(type, sender, policy);
  if (refused) return { protocolError: refused };
  const parsed = requests[type].safeParse(payload);
  if (!parsed.success)
    return { protocolError: `invalid ${type}: ${parsed.error.issues[0]?.message}` };
  const handler = handlers[type] as (p: unknown, s: SenderInfo) => Promise<unknown>;
  return handler(parsed.data, sender);
}

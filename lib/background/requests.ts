import { browser } from 'wxt/browser';
import { toErrorInfo } from '../chatwoot/errors';
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

// The worker's side of the message protocol: every request is validated (zod) and its sender
// checked before a handler runs; events are validated before they leave. The pages' side is
// lib/platform/messaging.ts.

/** A handler's failure as a reply the pages show; a lost sign-in is told to every page. */
export async function fail(error: unknown) {
  const info = toErrorInfo(error);
  if (info.kind === 'signed_out' || info.kind === 'bad_token') {
    broadcast({ event: 'auth/required', error: info });
  }
  return { ok: false as const, error: info };
}

export function broadcast(event: BackgroundEvent): void {
  // No page may be listening (panel closed): that rejection is expected, not an error.
  browser.runtime.sendMessage(eventSchema.parse(event)).catch(() => undefined);
}

export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; windowId?: number; url?: string; active?: boolean };
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

/** Dispatch validated requests to one handler map (refined-github's handleMessages). The
 * answer goes through `sendResponse` and the listener returns `true`: Chrome honours a returned
 * Promise only from version 144, and the manifest admits older ones (the panel would see an
 * error although the action ran, and a second click would send it again). */
export function handleRequests(handlers: Handlers, policy: SenderPolicy): void {
  browser.runtime.onMessage.addListener(
    (message: unknown, sender: SenderInfo, sendResponse: (reply: unknown) => void) => {
      const envelope = envelopeSchema.safeParse(message);
      if (!envelope.success || !isRequestType(envelope.data.type)) return undefined;
      const type = envelope.data.type;
      dispatch(type, envelope.data.payload, sender, handlers, policy).then(sendResponse, (error) =>
        sendResponse({ protocolError: `${type} failed: ${String(error)}` }),
      );
      return true;
    },
  );
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
  const reply = replies[type].safeParse(await handler(parsed.data, sender));
  // The pages trust what this worker answers, so the worker holds its own replies to the protocol.
  if (!reply.success)
    return { protocolError: `bad reply to ${type}: ${reply.error.issues[0]?.message}` };
  return reply.data;
}

import { browser } from 'wxt/browser';
import type { BackgroundEvent, ReplyOf, RequestOf, RequestType } from '../messages';
import { originOf } from '../chatwoot/routes';
import type { TabUrlReport } from './tabs';

// The only way extension pages talk to the background (the worker's side: lib/background/requests.ts).
// Replies and events are trusted as they come: they are this build's own background, same
// origin (docs/SECURITY.md). zod stays at the real trust boundaries — Chatwoot's responses,
// what a content script sends, storage, the managed policy, imported files — and so out of
// the pages' bundles (docs/ARCHITECTURE.md, "The message protocol").

export async function send<T extends RequestType>(
  type: T,
  payload: RequestOf<T>,
): Promise<ReplyOf<T>> {
  const raw = await sendAgainIfWorkerStopped({ type, payload });
  if (raw && typeof raw === 'object' && 'protocolError' in raw) {
    throw new Error(`Background refused ${type}: ${String(raw.protocolError)}`);
  }
  return raw as ReplyOf<T>;
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
    if (isEvent(message)) listener(message);
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}

/** Background events carry an `event` name; requests (other pages' messages) carry a `type`. */
function isEvent(message: unknown): message is BackgroundEvent {
  return (
    typeof message === 'object' &&
    message !== null &&
    typeof (message as { event?: unknown }).event === 'string'
  );
}

/**
 * The content script's `page/location` reports, heard by the page itself (runtime messages
 * reach every extension page as well as the worker): the panel learns the conversation one hop
 * sooner than through the worker's `context/changed`. Only from this extension's content
 * script in a tab (a page cannot send with a tab), and only from `origin` (what the worker
 * checks too, lib/background/requests.ts), naming a page of that origin (service.ts); the worker
 * still records the tab for `context/get`.
 */
export function onContentLocation(
  origin: () => string | null,
  listener: (report: TabUrlReport) => void,
): () => void {
  const handler = (
    message: unknown,
    sender: {
      id?: string;
      origin?: string;
      url?: string;
      tab?: { id?: number; windowId?: number; active?: boolean };
    },
  ) => {
    const tab = sender.tab;
    if (sender.id !== browser.runtime.id || tab?.id === undefined || tab.windowId === undefined)
      return;
    const m = message as { type?: unknown; payload?: { url?: unknown } } | null;
    if (m?.type !== 'page/location' || typeof m.payload?.url !== 'string') return;
    const from = sender.origin ?? originOf(sender.url);
    if (!from || from !== origin() || originOf(m.payload.url) !== from) return;
    listener({ url: m.payload.url, tabId: tab.id, windowId: tab.windowId, active: !!tab.active });
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}

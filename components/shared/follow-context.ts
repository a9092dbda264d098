import type { ActiveContext, BackgroundEvent } from '../../lib/messages';

// Which conversation a panel shows: its window's active Chatwoot tab. Three sources race: the
// content script's own report (heard directly, one hop fewer), the worker's `context/changed`
// for the same report, and the answer to `context/get`. Pages are shown in the order the tab
// showed them: a worker event for a page the tab has since left, or an answer read before a
// page heard since the question, never takes the panel back (docs/ARCHITECTURE.md, "The
// message protocol").

export interface FollowDeps {
  windowId: () => Promise<number | undefined>;
  ask: (windowId: number) => Promise<ActiveContext | null>;
  onEvent: (listener: (event: BackgroundEvent) => void) => () => void;
  /** The content script of an active tab reported its page (checked by the caller). */
  onLocation: (listener: (context: ActiveContext) => void) => () => void;
  /** Another tab of some window became active. */
  onActivated: (listener: (windowId: number) => void) => () => void;
}

export interface FollowCallbacks {
  show: (context: ActiveContext | null) => void;
  /** A page heard from the content script (before the worker knows it). */
  heard?: (context: ActiveContext) => void;
}

const HEARD_KEPT = 64;

/** Calls `show` with each context the panel should show; returns the unsubscribe. */
export function followActiveContext(deps: FollowDeps, callbacks: FollowCallbacks): () => void {
  let windowId: number | undefined;
  let stopped = false;
  let heard = 0; // pages heard since the panel opened: a context/get asked before is older
  const heardPages: ActiveContext[] = []; // from the content script, latest last
  const ask = async () => {
    if (windowId === undefined) return;
    const asked = heard;
    const context = await deps.ask(windowId);
    if (!stopped && asked === heard) callbacks.show(context);
  };
  const offLocation = deps.onLocation((context) => {
    if (stopped || windowId === undefined || context.windowId !== windowId) return;
    heardPages.push(context);
    if (heardPages.length > HEARD_KEPT) heardPages.shift();
    heard += 1;
    callbacks.heard?.(context);
    callbacks.show(context);
  });
  const offEvent = deps.onEvent((event) => {
    if (stopped || event.event !== 'context/changed') return;
    if (windowId === undefined || event.context.windowId !== windowId) return;
    const at = heardPages.findLastIndex((c) => samePage(c, event.context));
    if (at >= 0 && at < heardPages.length - 1) return; // the tab has moved on since
    heard += 1;
    callbacks.show(event.context);
  });
  const offActivated = deps.onActivated((id) => {
    if (id === windowId) void ask();
  });
  void deps.windowId().then((id) => {
    windowId = id;
    return ask();
  });
  return () => {
    stopped = true;
    offLocation();
    offEvent();
    offActivated();
  };
}

export function samePage(a: ActiveContext | null, b: ActiveContext): boolean {
  return (
    !!a &&
    a.tabId === b.tabId &&
    a.windowId === b.windowId &&
    a.origin === b.origin &&
    a.accountId === b.accountId &&
    a.conversationId === b.conversationId
  );
}

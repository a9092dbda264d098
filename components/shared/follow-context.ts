import type { ActiveContext, BackgroundEvent } from '../../lib/messages';

// Which conversation a panel shows: its window's active Chatwoot tab. Four sources race: the
// browser's own event for the tab's new URL (soonest, in the order the tab moved), the content
// script's report (a channel per message: may come late and out of order, so not used for a tab
// the browser reports), the worker's `context/changed` for that report, and the answer to
// `context/get`. Pages are shown in the order the tab showed them: a worker event for a page the
// tab has since left, or an answer read before a page heard since the question, never takes the
// panel back (docs/ARCHITECTURE.md, "The message protocol").

export interface FollowDeps {
  windowId: () => Promise<number | undefined>;
  ask: (windowId: number) => Promise<ActiveContext | null>;
  onEvent: (listener: (event: BackgroundEvent) => void) => () => void;
  /** An active tab's page, from the browser or from its content script (checked by the caller). */
  onLocation: (listener: (context: ActiveContext, source: PageSource) => void) => () => void;
  /** Another tab of some window became active. */
  onActivated: (listener: (windowId: number) => void) => () => void;
}

/** Who reported a page: the browser (tabs.onUpdated) or the tab's content script. */
export type PageSource = 'browser' | 'content';

export interface FollowCallbacks {
  show: (context: ActiveContext | null) => void;
  /** A page heard from the browser or the content script (before the worker knows it). */
  heard?: (context: ActiveContext) => void;
}

const HEARD_KEPT = 64;

/** Calls `show` with each context the panel should show; returns the unsubscribe. */
export function followActiveContext(deps: FollowDeps, callbacks: FollowCallbacks): () => void {
  let windowId: number | undefined;
  let stopped = false;
  let heard = 0; // pages heard since the panel opened: a context/get asked before is older
  const heardPages: ActiveContext[] = []; // from the browser or the content script, latest last
  const toldByBrowser = new Set<number>(); // tabs whose moves the browser reports
  let shown: ActiveContext | null = null;
  const show = (context: ActiveContext | null) => {
    shown = context;
    callbacks.show(context);
  };
  const ask = async () => {
    if (windowId === undefined) return;
    const asked = heard;
    const context = await deps.ask(windowId);
    if (!stopped && asked === heard) show(context);
  };
  const offLocation = deps.onLocation((context, source) => {
    if (stopped || windowId === undefined || context.windowId !== windowId) return;
    if (source === 'browser') toldByBrowser.add(context.tabId);
    else if (toldByBrowser.has(context.tabId)) return;
    if (samePage(shown, context)) return; // shown already: the other source's copy
    heardPages.push(context);
    if (heardPages.length > HEARD_KEPT) heardPages.shift();
    heard += 1;
    callbacks.heard?.(context);
    show(context);
  });
  const offEvent = deps.onEvent((event) => {
    if (stopped || event.event !== 'context/changed') return;
    if (windowId === undefined || event.context.windowId !== windowId) return;
    const at = heardPages.findLastIndex((c) => samePage(c, event.context));
    if (at >= 0 && at < heardPages.length - 1) return; // the tab has moved on since
    heard += 1;
    show(event.context);
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

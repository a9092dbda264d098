import type { ActiveContext, BackgroundEvent } from '../../lib/messages';

// Which conversation a panel shows: its window's active Chatwoot tab, as the background knows
// it. Two sources race: the answer to `context/get` and the `context/changed` events. An answer
// can have been read before a navigation whose event already arrived, so a page heard after the
// question was asked wins over the answer (docs/ARCHITECTURE.md, "The message protocol").

export interface FollowDeps {
  windowId: () => Promise<number | undefined>;
  ask: (windowId: number) => Promise<ActiveContext | null>;
  onEvent: (listener: (event: BackgroundEvent) => void) => () => void;
  /** Another tab of some window became active. */
  onActivated: (listener: (windowId: number) => void) => () => void;
}

/** Calls `show` with each context the panel should show; returns the unsubscribe. */
export function followActiveContext(
  deps: FollowDeps,
  show: (context: ActiveContext | null) => void,
): () => void {
  let windowId: number | undefined;
  let stopped = false;
  let heard = 0;
  const ask = async () => {
    if (windowId === undefined) return;
    const asked = heard;
    const context = await deps.ask(windowId);
    if (!stopped && asked === heard) show(context);
  };
  const offEvent = deps.onEvent((event) => {
    if (stopped || event.event !== 'context/changed') return;
    if (windowId === undefined || event.context.windowId !== windowId) return;
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
    offEvent();
    offActivated();
  };
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { LiveMode } from '../../../lib/messages';
import { connectPanelPort } from '../../../lib/platform/panel-port';
import { currentWindowId } from '../../../lib/platform/tabs';
import { applyLiveChanges } from './live-cache';
import { heldConversations, onHeldChange } from './holdings';

// The panel's end of the realtime channel (docs/ARCHITECTURE.md "Live updates"): one port to
// the worker for the panel's life; changes go into the cache; the mode decides whether the
// open conversation polls (no socket: every 15 s and on focus) or not (live).

export const FALLBACK_REFETCH_MS = 15_000;

let status: { mode: LiveMode; accountId: number | null } = { mode: 'connecting', accountId: null };
const listeners = new Set<() => void>();
function setStatus(next: typeof status) {
  if (next.mode === status.mode && next.accountId === status.accountId) return;
  status = next;
  listeners.forEach((l) => l());
}

/** Opens the port and applies events; mount once per panel. */
export function useLiveUpdates(accountId: number | null): void {
  const client = useQueryClient();
  const watched = useRef(accountId);
  const port = useRef<ReturnType<typeof connectPanelPort> | null>(null);
  useEffect(() => {
    let missed = false; // events may have been lost: refetch once live again
    let windowId: number | undefined;
    port.current = connectPanelPort({
      watch: () => ({ accountId: watched.current }),
      holdings: () =>
        windowId === undefined ? null : { window: windowId, held: heldConversations(client) },
      onDrop: () => {
        missed = true;
        setStatus({ mode: 'connecting', accountId: status.accountId });
      },
      onEvent: (event) => {
        if (event.event === 'chatwoot/event')
          applyLiveChanges(client, event.accountId, event.changes);
        if (event.event !== 'live/status') return;
        if (event.mode === 'live' && missed) {
          void client.invalidateQueries({ queryKey: ['conversation'] });
          void client.invalidateQueries({ queryKey: ['queue'] });
        }
        missed = event.mode === 'live' ? false : missed || event.mode === 'polling';
        setStatus({ mode: event.mode, accountId: event.accountId });
      },
    });
    void currentWindowId().then((id) => {
      windowId = id;
      port.current?.retell();
    });
    const offHeld = onHeldChange(client, () => port.current?.retell());
    return () => {
      offHeld();
      port.current?.close();
    };
  }, [client]);
  useEffect(() => {
    watched.current = accountId;
    port.current?.rewatch();
  }, [accountId]);
}

/** The mode for this account: `live` only when the socket is subscribed to it. */
export function useLiveMode(accountId: number | null): LiveMode {
  const current = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => status,
  );
  if (current.mode === 'live' && accountId !== null && current.accountId !== accountId) {
    return 'polling';
  }
  return current.mode;
}

/** Query options for data the events keep current: no polling while live. */
export function liveRefetch(mode: LiveMode, everyMs: number = FALLBACK_REFETCH_MS) {
  const polling = mode === 'polling' || mode === 'connecting';
  return { refetchInterval: polling ? everyMs : false, refetchOnWindowFocus: polling } as const;
}

/** Live, the events keep every cached entry current (live-cache.ts), those fetched ahead too: it
 * never goes stale, so a switch renders it and refetches nothing (issue 21). */
export function liveStaleTime(mode: LiveMode, pollingMs: number): number {
  return mode === 'live' ? Infinity : pollingMs;
}

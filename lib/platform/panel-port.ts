import { browser } from 'wxt/browser';
import {
  eventSchema,
  type BackgroundEvent,
  type PanelHoldings,
  type PanelPortMessage,
} from '../messages';

// Each open side panel holds a `runtime.connect` port named 'panel': the worker knows how many
// panels are open (and when the last one closes) and sends them realtime changes on it. A port
// that drops because the worker stopped is opened again, which starts a new worker.

export const PANEL_PORT_NAME = 'panel';
const REOPEN_MS = 2_000;

/** The worker's view of one panel's port. */
export interface PanelPort {
  postMessage(message: BackgroundEvent): void;
  onMessage(listener: (message: unknown) => void): void;
  onDisconnect(listener: () => void): void;
}

interface RawPort {
  name: string;
  sender?: { id?: string; url?: string; tab?: unknown };
  postMessage(message: unknown): void;
  onMessage: { addListener(l: (message: unknown) => void): void };
  onDisconnect: { addListener(l: () => void): void };
}

/** Worker side: a port from one of this extension's own pages (never a content script). */
export function onPanelConnect(handler: (port: PanelPort) => void): void {
  const origin = new URL(browser.runtime.getURL('/')).origin;
  browser.runtime.onConnect.addListener((raw: RawPort) => {
    const sender = raw.sender;
    const ours =
      sender?.id === browser.runtime.id && !sender.tab && !!sender.url?.startsWith(`${origin}/`);
    if (raw.name !== PANEL_PORT_NAME || !ours) return;
    handler({
      postMessage: (message) => raw.postMessage(message),
      onMessage: (l) => raw.onMessage.addListener(l),
      onDisconnect: (l) => raw.onDisconnect.addListener(l),
    });
  });
}

/** Panel side: keeps a port open (reopening it when the worker stops), tells the worker what
 * it watches and what it holds, and hands validated events over. */
export function connectPanelPort(options: {
  watch: () => PanelPortMessage['watch'];
  /** Its window and cached conversations (null while the window is not known yet). */
  holdings?: () => PanelHoldings | null;
  onEvent: (event: BackgroundEvent) => void;
  onDrop?: () => void;
}): { close: () => void; rewatch: () => void; retell: () => void } {
  let port: RawPort | null = null;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let told = ''; // the holdings last posted on this port: unchanged ones are not sent again
  const tell = () => {
    const holdings = options.holdings?.();
    if (!port || !holdings) return;
    const text = JSON.stringify(holdings);
    if (text === told) return;
    told = text;
    port.postMessage({ holdings });
  };
  const open = () => {
    if (closed) return;
    const p = browser.runtime.connect({ name: PANEL_PORT_NAME }) as unknown as RawPort;
    port = p;
    told = '';
    p.onMessage.addListener((message) => {
      const parsed = eventSchema.safeParse(message);
      if (parsed.success) options.onEvent(parsed.data);
    });
    p.onDisconnect.addListener(() => {
      if (port !== p) return;
      port = null;
      options.onDrop?.();
      // The worker stopped: a new one starts and resubscribes. Not at once: Chromium 156 crashes
      // when a worker is woken within a second of being stopped (docs/SECURITY.md, testing notes).
      timer = setTimeout(open, REOPEN_MS);
    });
    p.postMessage({ watch: options.watch() });
    tell();
  };
  open();
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      (port as unknown as { disconnect?: () => void } | null)?.disconnect?.();
      port = null;
    },
    rewatch: () => port?.postMessage({ watch: options.watch() }),
    retell: tell,
  };
}

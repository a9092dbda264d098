import type { BackgroundEvent } from '../../../lib/messages';
import type { PanelPort } from '../../../lib/platform/panel-port';

/** A side panel's port as the worker sees it: what the worker posts is kept, the panel's side
 * sends and disconnects. */
export class FakePort implements PanelPort {
  events: BackgroundEvent[] = [];
  private messageListeners: Array<(m: unknown) => void> = [];
  private disconnectListeners: Array<() => void> = [];
  postMessage(message: BackgroundEvent) {
    this.events.push(structuredClone(message));
  }
  onMessage(l: (m: unknown) => void) {
    this.messageListeners.push(l);
  }
  onDisconnect(l: () => void) {
    this.disconnectListeners.push(l);
  }
  /** The panel's side. */
  send(message: unknown) {
    for (const l of this.messageListeners) l(message);
  }
  disconnect() {
    for (const l of this.disconnectListeners) l();
  }
}

import { browser } from 'wxt/browser';

// Desktop notifications (docs/ALERTS.md): the worker raises them; a click is handed back with
// the notification's id, which says what it was about.

export async function showNotification(id: string, title: string, message: string): Promise<void> {
  const icons = browser.runtime.getManifest().icons ?? {};
  const icon = icons['128'] ?? Object.values(icons).at(-1) ?? '';
  await browser.notifications.create(id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL(`/${icon.replace(/^\//, '')}` as '/'),
    title,
    message,
    priority: 2,
  });
}

export function onNotificationClick(handler: (id: string) => void): void {
  browser.notifications.onClicked.addListener((id) => {
    handler(id);
    void browser.notifications.clear(id);
  });
}

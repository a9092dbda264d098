import type { BrowserContext } from '@playwright/test';
import type { Standin } from '../standin/server';
import { SEED } from '../standin/seed';

/** What the stand-in (our Chatwoot) now holds for one conversation. */
export function conversationState(standin: Standin, displayId: number, accountId = SEED.accountId) {
  const conversation = standin.state.conversations.find(
    (c) => c.displayId === displayId && c.accountId === accountId,
  );
  if (!conversation) throw new Error(`No conversation ${displayId}`);
  const live = conversation.messages.filter((m) => !m.contentAttributes.deleted);
  return {
    status: conversation.status,
    labels: [...conversation.labels],
    replies: live.filter((m) => m.messageType === 1 && !m.private).map((m) => m.content),
    notes: live.filter((m) => m.messageType === 1 && m.private).map((m) => m.content ?? ''),
  };
}

/** The decisions the background logged, read from the extension's IndexedDB. */
export async function loggedDecisions(
  context: BrowserContext,
  extensionId: string,
): Promise<Array<Record<string, unknown>>> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const rows = await page.evaluate(
    () =>
      new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
        const open = indexedDB.open('cx-escalations');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('decisions').objectStore('decisions').getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        };
      }),
  );
  await page.close();
  return rows;
}

import { browser } from 'wxt/browser';
import type { ChatwootApi } from '../chatwoot/client';
import { ChatwootError, toErrorInfo } from '../chatwoot/errors';
import type { WireConversation } from '../chatwoot/schemas';
import type { Handlers } from '../platform/messaging';
import { getSettings, normaliseOrigin, settingsItem } from '../settings';
import { apiFor, currentOperator, operatorItem, profileInfo, type ApiDeps } from './api';
import { anyChatwootTab, contextOfWindow, forgetTab, rememberTab } from './context';
import type { Outbox } from './outbox';
import { broadcast } from '../platform/messaging';
import { chromeRegistration, syncDetector } from './registration';

// The background as one typed service: a handler per request type (lib/messages.ts).

export interface ServiceDeps extends ApiDeps {
  outbox: Outbox;
}

const QUEUE_STATUSES = ['open', 'pending'];
const PAGE_SIZE = 25; // Chatwoot's fixed page size (CHATWOOT.md §3)

async function fail(error: unknown) {
  const info = toErrorInfo(error);
  if (info.kind === 'signed_out' || info.kind === 'bad_token') {
    broadcast({ event: 'auth/required', error: info });
  }
  return { ok: false as const, error: info };
}

export function createHandlers(deps: ServiceDeps): Handlers {
  const api = () => apiFor(deps);
  return {
    async 'page/location'({ url }, sender) {
      const tab = sender.tab;
      if (tab?.id === undefined || tab.windowId === undefined) return { ok: true };
      const context = await rememberTab(tab.id, { windowId: tab.windowId, url });
      const [active] = await browser.tabs.query({ active: true, windowId: tab.windowId });
      if (active?.id === tab.id) broadcast({ event: 'context/changed', context });
      return { ok: true };
    },

    async 'context/get'({ windowId }) {
      return { context: await contextOfWindow(windowId) };
    },

    async 'conversation/get'({ accountId, conversationId }) {
      try {
        const client = await api();
        const settings = await getSettings();
        const [conversation, messages, operator] = await Promise.all([
          client.conversation(accountId, conversationId),
          client.messages(accountId, conversationId),
          currentOperator(client, settings.chatwootUrl, accountId).catch(() => null),
        ]);
        return { ok: true, value: { conversation, messages, operator } };
      } catch (error) {
        return fail(error);
      }
    },

    async 'queue/get'() {
      try {
        const client = await api();
        const settings = await getSettings();
        const operator = await currentOperator(client, settings.chatwootUrl);
        const conversations = await allQueueConversations(client, operator.accountId);
        return { ok: true, value: { conversations, accountId: operator.accountId } };
      } catch (error) {
        return fail(error);
      }
    },

    async 'settings/save'({ chatwootUrl, authMode, token }) {
      const origin = normaliseOrigin(chatwootUrl);
      if (!origin) {
        return fail(new ChatwootError('not_configured', `“${chatwootUrl}” is not a web address`));
      }
      const settings = { ...(await getSettings()), chatwootUrl: origin, authMode };
      await settingsItem.setValue(settings);
      await operatorItem.setValue(null);
      if (authMode === 'token' && token !== undefined) {
        await deps.credentials.setToken(origin, token.trim() || null);
      }
      try {
        const registration = await syncDetector(chromeRegistration, origin);
        if (registration === 'no-permission') {
          throw new ChatwootError('no_permission', `Access to ${origin} was not granted`);
        }
        const client = await apiFor(deps, settings);
        const info = profileInfo(await client.profile());
        await operatorItem.setValue({ ...info, origin });
        void deps.outbox.resume(); // a queue paused by a 401 goes on
        return { ok: true, value: info };
      } catch (error) {
        return fail(notChatwootWhenUnclear(error));
      }
    },

    async 'tab/open-conversation'({ tabId, accountId, conversationId }) {
      const { chatwootUrl } = await getSettings();
      if (!chatwootUrl) return { ok: false };
      const url = `${chatwootUrl}/app/accounts/${accountId}/conversations/${conversationId}`;
      const target = tabId >= 0 ? tabId : await anyChatwootTab(browser.windows.WINDOW_ID_CURRENT);
      if (target === null) await browser.tabs.create({ url });
      else await browser.tabs.update(target, { url, active: true });
      return { ok: true };
    },

    'action/submit': (input) => deps.outbox.submit(input),
    'outbox/list': async ({ conversationId }) => ({
      decisions: await deps.outbox.list(conversationId),
    }),
    'outbox/retry': async ({ decisionId }) => ({ ok: await deps.outbox.retry(decisionId) }),
    'outbox/cancel': async ({ decisionId }) => ({ ok: await deps.outbox.cancel(decisionId) }),
  };
}

/** A profile call that answers, but not as Chatwoot would, means the URL is some other site. */
function notChatwootWhenUnclear(error: unknown): unknown {
  if (
    error instanceof ChatwootError &&
    (error.kind === 'invalid_response' || error.kind === 'not_found')
  ) {
    return new ChatwootError('not_chatwoot', error.message, error.status);
  }
  return error;
}

/** Every open and pending conversation, all pages (25 a page), through one filter query each. */
export async function allQueueConversations(
  client: ChatwootApi,
  accountId: number,
): Promise<WireConversation[]> {
  const out: WireConversation[] = [];
  for (const status of QUEUE_STATUSES) {
    const first = await client.listConversations(accountId, { status: status as 'open', page: 1 });
    out.push(...first.conversations);
    const pages = first.allCount ? Math.ceil(first.allCount / PAGE_SIZE) : 1;
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
        client.listConversations(accountId, { status: status as 'open', page: i + 2 }),
      ),
    );
    for (const page of rest) out.push(...page.conversations);
  }
  return out;
}

export async function onTabRemoved(tabId: number) {
  await forgetTab(tabId);
}

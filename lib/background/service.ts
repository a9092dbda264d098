import { browser } from 'wxt/browser';
import type { ChatwootApi } from '../chatwoot/client';
import { ChatwootError } from '../chatwoot/errors';
import type { WireConversation } from '../chatwoot/schemas';
import { purgeOlderThan, type DecisionsDb } from '../decisions/db';
import { buildHealthReport, recordBreaches } from './health/report';
import type { Health } from './health/health';
import type { KeyValueStore } from './kv';
import type { Handlers, SenderInfo } from './requests';
import type { EarlyLoads } from './early-loads';
import { AHEAD_CALLS_PER_MINUTE } from '../ahead-budget';
import {
  aheadCalls,
  CALLS_PER_CONVERSATION,
  conversationKey,
  loadConversation,
  type ConversationReply,
} from './conversation-load';
import {
  aiDraftAllowed,
  approvalsAllowed,
  getManagedSettings,
  getSettings,
  settingsInEffect,
  insecureOrigin,
  normaliseOrigin,
  operatorItem,
  updateSettings,
} from '../settings/settings';
import { apiFor, apiOrigin, currentOperator, profileInfo, type ApiDeps } from './api';
import { originOf } from '../chatwoot/routes';
import { MockChatwoot } from '../mock/mock-chatwoot';
import { ensureDemo, resetDemo } from '../mock/reset';
import { anyChatwootTab, contextOfWindow, rememberTab } from './context';
import type { Outbox } from '../outbox/engine';
import { broadcast, fail } from './requests';
import { chromeRegistration, syncDetector } from './registration';
import { aiDraft, aiStatus, forgetAiHooks } from './ai';
import { operatorRole } from './operator-role';
import { TeamSync } from './team-sync';
import { writeNativePriorities } from './native-priority';

// The background as one typed service: a handler per request type (lib/messages.ts).

export interface ServiceDeps extends ApiDeps {
  outbox: Outbox;
  db: DecisionsDb;
  health: Health;
  kv: KeyValueStore;
  /** Conversations whose load began when a tab moved to them (early-loads.ts). */
  early?: EarlyLoads<ConversationReply>;
}

const QUEUE_STATUSES = ['open', 'pending'];
const PAGE_SIZE = 25; // Chatwoot's fixed page size (docs/CHATWOOT.md §3)

export function createHandlers(deps: ServiceDeps): Handlers {
  const api = () => apiFor(deps);
  const teamSync = new TeamSync(deps);
  /** The team log is the signed-in operator's account on the configured Chatwoot. */
  const teamTarget = async () => {
    const settings = await getSettings();
    if (settings.mockMode) throw new ChatwootError('unexpected', 'Mock mode has no team log');
    const client = await api();
    const { accountId } = await currentOperator(client, settings.chatwootUrl);
    return { api: client, origin: settings.chatwootUrl, accountId };
  };
  return {
    async 'page/location'({ url }, sender) {
      const tab = sender.tab;
      if (tab?.id === undefined || tab.windowId === undefined) return { ok: true };
      // The URL must be of the page that sent it: a script on the configured origin cannot
      // name a page of another one.
      if (originOf(url) === null || originOf(url) !== senderOrigin(sender)) return { ok: true };
      // Stored first (one edit at a time, in order: context.ts), so a context/get answered
      // meanwhile names this page. The panel does not wait for this: it hears the content
      // script itself.
      const context = await rememberTab(tab.id, { windowId: tab.windowId, url });
      if (tab.active) broadcast({ event: 'context/changed', context });
      return { ok: true };
    },

    async 'context/get'({ windowId }) {
      return { context: await contextOfWindow(windowId) };
    },

    async 'conversation/get'({ accountId, conversationId, ahead }) {
      if (ahead && !aheadCalls.trySpend(CALLS_PER_CONVERSATION)) {
        const detail = `The ${AHEAD_CALLS_PER_MINUTE} calls made ahead this minute are spent`;
        return { ok: false, error: { kind: 'rate_limited', status: null, detail } };
      }
      try {
        const settings = await settingsInEffect(); // from memory: the switch waits on no read
        const key = conversationKey(apiOrigin(settings), accountId, conversationId);
        // Started when the tab moved to it (early-loads.ts), or now.
        return await (deps.early?.take(key) ??
          loadConversation(deps, settings, accountId, conversationId));
      } catch (error) {
        return fail(error);
      }
    },

    async 'queue/get'() {
      try {
        const settings = await settingsInEffect();
        const client = await apiFor(deps, settings);
        const origin = apiOrigin(settings);
        const operator = await currentOperator(client, origin);
        const conversations = await allQueueConversations(client, operator.accountId, origin);
        if (!settings.mockMode) {
          await recordBreaches(deps.kv, conversations, {
            now: new Date(),
            slaMinutes: settings.slaMinutes,
            clock: settings.slaClock,
            origin: settings.chatwootUrl,
          });
          if ((await getManagedSettings()).nativePriority === true) {
            // Off the answer's path; a failure is tried again at the next queue load.
            void writeNativePriorities(
              { kv: deps.kv, api: client },
              conversations,
              { origin: settings.chatwootUrl, accountId: operator.accountId },
              { now: new Date(), slaMinutes: settings.slaMinutes, clock: settings.slaClock },
            ).catch(() => undefined);
          }
        }
        return { ok: true, value: { conversations, accountId: operator.accountId } };
      } catch (error) {
        return fail(error);
      }
    },

    async 'settings/save'({ chatwootUrl, authMode, token }) {
      // A URL set by policy is the only one (the options page shows it locked).
      const origin = (await getManagedSettings()).chatwootUrl ?? normaliseOrigin(chatwootUrl);
      if (!origin) {
        return fail(new ChatwootError('not_configured', `“${chatwootUrl}” is not a web address`));
      }
      if (insecureOrigin(origin)) {
        return fail(
          new ChatwootError(
            'not_configured',
            `${origin} is plain http://: use https:// (http:// only for localhost and 127.0.0.1)`,
          ),
        );
      }
      await updateSettings({ chatwootUrl: origin, authMode });
      const settings = { ...(await getSettings()), chatwootUrl: origin, authMode };
      await operatorItem.setValue(null);
      await forgetAiHooks(); // another instance, user or account: ask its integrations again
      // No token stays for an instance (or a sign-in mode) no longer in use.
      await deps.credentials.forgetTokensExcept(authMode === 'token' ? origin : null);
      if (authMode === 'token' && token !== undefined) {
        await deps.credentials.setToken(origin, token.trim() || null);
      }
      try {
        const registration = await syncDetector(chromeRegistration, origin);
        if (registration === 'no-permission') {
          throw new ChatwootError('no_permission', `Access to ${origin} was not granted`);
        }
        const client = await apiFor(deps, { ...settings, mockMode: false }); // the real one
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

    'health/get': async () =>
      buildHealthReport({ db: deps.db, kv: deps.kv, health: deps.health, now: new Date() }),

    async 'action/submit'(input) {
      // Policy "approvals enabled: false": the panel hides the button; the worker refuses too.
      if (
        input.action === 'chatwoot.approve_send' &&
        !approvalsAllowed(await getManagedSettings())
      ) {
        return fail(new ChatwootError('approvals_disabled', 'Approvals are turned off by policy'));
      }
      return deps.outbox.submit(input);
    },
    'outbox/list': async ({ conversationId }) => ({
      decisions: await deps.outbox.list(conversationId),
      paused: await deps.outbox.paused(),
    }),
    'outbox/retry': async ({ decisionId }) => ({ ok: await deps.outbox.retry(decisionId) }),
    'outbox/cancel': async ({ decisionId }) => ({ ok: await deps.outbox.cancel(decisionId) }),
    async 'decisions/purge'({ before }) {
      const deleted = await purgeOlderThan(deps.db, new Date(before));
      broadcast({ event: 'outbox/changed', conversationId: null }); // failed entries may have gone
      return { deleted };
    },

    async 'mock/list'() {
      try {
        const { slaMinutes } = await getSettings();
        await ensureDemo({ db: deps.db, kv: deps.kv, now: new Date(), slaMinutes });
        return { ok: true, value: await new MockChatwoot({ kv: deps.kv, slaMinutes }).samples() };
      } catch (error) {
        return fail(error);
      }
    },
    async 'mock/reset'() {
      try {
        const { slaMinutes } = await getSettings();
        const deletedDecisions = await resetDemo({
          db: deps.db,
          kv: deps.kv,
          now: new Date(),
          slaMinutes,
        });
        broadcast({ event: 'outbox/changed', conversationId: null });
        return { ok: true, value: { deletedDecisions } };
      } catch (error) {
        return fail(error);
      }
    },

    async 'canned/list'({ search }) {
      try {
        const client = await api();
        const { accountId } = await currentOperator(client, apiOrigin(await getSettings()));
        const responses = (await client.cannedResponses(accountId, search)).map((r) => ({
          id: r.id,
          shortCode: r.short_code,
          content: r.content,
          updatedAt: r.updated_at ?? null,
        }));
        return { ok: true, value: { accountId, responses } };
      } catch (error) {
        return fail(error);
      }
    },
    async 'ai/draft'({ accountId, conversationId }) {
      try {
        // Policy "AI draft enabled: false": the panel shows no button; the worker refuses too.
        if (!aiDraftAllowed(await getManagedSettings())) {
          throw new ChatwootError('ai_disabled', 'AI drafts are turned off by policy');
        }
        const client = await api();
        const origin = apiOrigin(await getSettings());
        return { ok: true, value: await aiDraft(client, { origin, accountId, conversationId }) };
      } catch (error) {
        return fail(error);
      }
    },
    async 'ai/status'({ accountId }) {
      const settings = await getSettings();
      if (settings.mockMode) return { status: 'unavailable' }; // no AI among the samples
      return { status: await aiStatus({ origin: apiOrigin(settings), accountId }) };
    },
    async 'queue/threads'({ accountId, conversationIds }) {
      try {
        const client = await api();
        aheadCalls.spend(conversationIds.length);
        const threads = await Promise.all(
          conversationIds.map(async (conversationId) => ({
            conversationId,
            messages: await client.messages(accountId, conversationId),
          })),
        );
        return { ok: true, value: { threads } };
      } catch (error) {
        return fail(error);
      }
    },
    async 'team/sync'() {
      try {
        const target = await teamTarget();
        void teamSync.start(target);
        return { ok: true, value: await teamSync.status(target.origin, target.accountId) };
      } catch (error) {
        return fail(error);
      }
    },
    async 'team/stop'() {
      return { ok: teamSync.stop() };
    },
    async 'team/status'() {
      try {
        const { origin, accountId } = await teamTarget();
        return { ok: true, value: await teamSync.status(origin, accountId) };
      } catch (error) {
        return fail(error);
      }
    },
    async 'operator/role'() {
      try {
        const client = await api(); // mock mode: the sample operator, an administrator
        return { ok: true, value: await operatorRole(client, apiOrigin(await getSettings())) };
      } catch (error) {
        return fail(error);
      }
    },
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

const queueLoads = new Map<string, Promise<WireConversation[]>>();

/** Every open and pending conversation, all pages (25 a page), through one filter query each.
 * With `origin`, a load asked for while another of the same origin and account is under way
 * shares it (the panel's queue, the badge's snapshot and the breach sweep can coincide).
 * Nothing is kept once it has ended. */
export function allQueueConversations(
  client: ChatwootApi,
  accountId: number,
  origin?: string,
): Promise<WireConversation[]> {
  if (!origin) return loadQueue(client, accountId);
  const key = `${origin}|${accountId}`;
  let load = queueLoads.get(key);
  if (!load) {
    load = loadQueue(client, accountId).finally(() => queueLoads.delete(key));
    queueLoads.set(key, load);
  }
  return load.then((list) => [...list]); // each caller its own array
}

async function loadQueue(client: ChatwootApi, accountId: number): Promise<WireConversation[]> {
  const out: WireConversation[] = [];
  for (const status of QUEUE_STATUSES) {
    const first = await client.listConversations(accountId, { status: status as 'open', page: 1 });
    out.push(...first.conversations);
    const pages = first.allCount ? Math.ceil(first.allCount / PAGE_SIZE) : 1;
    aheadCalls.spend(pages); // the queue's, the badge's, the sweep's: never refused, counted
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
        client.listConversations(accountId, { status: status as 'open', page: i + 2 }),
      ),
    );
    for (const page of rest) out.push(...page.conversations);
  }
  return out;
}

/** The origin of the page a content script runs in, as Chrome reports it. */
function senderOrigin(sender: SenderInfo): string | null {
  return sender.origin ?? originOf(sender.url) ?? originOf(sender.tab?.url);
}

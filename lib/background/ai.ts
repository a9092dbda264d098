import { defineItem } from '../platform/storage';
import type { ChatwootApi } from '../chatwoot/client';
import { ChatwootError } from '../chatwoot/errors';
import type { WireIntegrationApp } from '../chatwoot/schemas';

// Chatwoot's own AI reply draft (docs/SECURITY.md "The AI draft"): an instance with the OpenAI
// integration has an `openai` app with an enabled hook; its `reply_suggestion` event answers a
// draft. Nothing here runs unless the agent clicks "Draft with Chatwoot AI": a conversation
// view never asks Chatwoot for its integrations nor sends the conversation to the AI.
// Whether an account has the integration is asked once per origin and account and kept for the
// browser session, a "no" included (no openai hook, or the list answered 404 / 401 / 403, as an
// older instance or a restricted user gets); forgotten when the options are saved or after a day.

export type AiDraft = { available: false } | { available: true; draft: string };
/** What the panel may know without any network call: `unknown` until the agent first asks. */
type AiStatus = 'unknown' | 'available' | 'unavailable';

type Known = { hookId: number | null; at: number };
const hooksItem = defineItem<Record<string, Known>>('session:aiHooks', { fallback: {} });

/** An integration switched on or off in Chatwoot shows within this time (or at the next Save). */
export const AI_HOOK_TTL_MS = 24 * 60 * 60_000;

/** Answers that mean "this account has no AI for you", kept like an empty list. */
const NOT_THERE = new Set([401, 403, 404]);

/** The enabled OpenAI hook among the account's apps, or null. */
export function openaiHookId(apps: readonly WireIntegrationApp[]): number | null {
  const app = apps.find((a) => a.id === 'openai');
  const hook = app?.hooks.find(
    (h) => h.status !== 'disabled' && h.status !== false && h.status !== 0,
  );
  return hook?.id ?? null;
}

type Where = { origin: string; accountId: number };
const keyOf = (where: Where) => `${where.origin}|${where.accountId}`;

async function known(where: Where, now: number): Promise<Known | null> {
  const entry = (await hooksItem.getValue())[keyOf(where)];
  return entry && now - entry.at < AI_HOOK_TTL_MS && now >= entry.at ? entry : null;
}

/** From the session's memory only: never a Chatwoot call. */
export async function aiStatus(where: Where, now: () => number = Date.now): Promise<AiStatus> {
  const entry = await known(where, now());
  if (!entry) return 'unknown';
  return entry.hookId === null ? 'unavailable' : 'available';
}

/** The agent asked for a draft: the hook (asked once per session), then the draft itself. */
export async function aiDraft(
  client: ChatwootApi,
  where: Where & { conversationId: number },
  now: () => number = Date.now,
): Promise<AiDraft> {
  let hookId: number | null;
  const entry = await known(where, now());
  if (entry) {
    hookId = entry.hookId;
  } else {
    try {
      hookId = openaiHookId(await client.integrationApps(where.accountId));
    } catch (error) {
      // Offline, 5xx, unreadable: an error to show with Retry, asked again next time.
      if (!(error instanceof ChatwootError && NOT_THERE.has(error.status ?? 0))) throw error;
      hookId = null;
    }
    await remember(keyOf(where), { hookId, at: now() });
  }
  if (hookId === null) return { available: false };
  try {
    const draft = (
      await client.aiReplySuggestion(where.accountId, hookId, where.conversationId)
    ).trim();
    if (draft === '')
      throw new ChatwootError('invalid_response', "Chatwoot's AI sent an empty draft");
    return { available: true, draft };
  } catch (error) {
    // The hook was removed or switched off since it was listed: no AI, and look again next time.
    if (error instanceof ChatwootError && error.kind === 'not_found') {
      await remember(keyOf(where), null);
      return { available: false };
    }
    throw error;
  }
}

/** Options saved (another instance, account or user): every account is asked again. */
export async function forgetAiHooks(): Promise<void> {
  await hooksItem.setValue({});
}

async function remember(key: string, value: Known | null) {
  const all = { ...(await hooksItem.getValue()) };
  if (value === null) delete all[key];
  else all[key] = value;
  await hooksItem.setValue(all);
}

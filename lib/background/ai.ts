import { defineItem } from '../platform/storage';
import type { ChatwootApi } from '../chatwoot/client';
import { ChatwootError } from '../chatwoot/errors';
import type { WireIntegrationApp } from '../chatwoot/schemas';

// Chatwoot's own AI reply draft (CHATWOOT.md §6): an instance with the OpenAI integration has
// an `openai` app with an enabled hook; its `reply_suggestion` event answers a draft. An
// instance without it shows nothing about AI, so "no integration" and "could not tell" (the
// apps list failed) both answer `available: false`; only a failing draft is an error.

export type AiDraft = { available: false } | { available: true; draft: string };

/** Which hook drafts for an origin and account, found once and kept for the browser session. */
const hooksItem = defineItem<Record<string, { hookId: number | null; at: number }>>(
  'session:aiHooks',
  { fallback: {} },
);

/** An integration switched on or off in Chatwoot shows within this time. */
export const AI_HOOK_TTL_MS = 5 * 60_000;

/** The enabled OpenAI hook among the account's apps, or null. */
export function openaiHookId(apps: readonly WireIntegrationApp[]): number | null {
  const app = apps.find((a) => a.id === 'openai');
  const hook = app?.hooks.find(
    (h) => h.status !== 'disabled' && h.status !== false && h.status !== 0,
  );
  return hook?.id ?? null;
}

export async function aiDraft(
  client: ChatwootApi,
  where: { origin: string; accountId: number; conversationId: number },
  now: () => number = Date.now,
): Promise<AiDraft> {
  const key = `${where.origin}|${where.accountId}`;
  const cached = (await hooksItem.getValue())[key];
  let hookId: number | null;
  if (cached && now() - cached.at < AI_HOOK_TTL_MS) {
    hookId = cached.hookId;
  } else {
    try {
      hookId = openaiHookId(await client.integrationApps(where.accountId));
    } catch {
      return { available: false }; // unknown is shown as absent, and asked again next time
    }
    await remember(key, { hookId, at: now() });
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
      await remember(key, null);
      return { available: false };
    }
    throw error;
  }
}

async function remember(key: string, value: { hookId: number | null; at: number } | null) {
  const all = { ...(await hooksItem.getValue()) };
  if (value === null) delete all[key];
  else all[key] = value;
  await hooksItem.setValue(all);
}

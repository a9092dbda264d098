import { ChatwootClient, type ChatwootApi } from '../chatwoot/client';
import { ChatwootError } from '../chatwoot/errors';
import type { WireProfile } from '../chatwoot/schemas';
import type { ProfileInfo } from '../messages';
import { apiOrigin, getSettings, operatorItem, type Settings } from '../settings/settings';

export { apiOrigin };
import type { Credentials } from './credentials';
import type { KeyValueStore } from './kv';
import { MockChatwoot } from '../mock/mock-chatwoot';

// Builds the Chatwoot API the background uses for the current settings. The panel never calls
// Chatwoot: only this worker holds credentials.

export interface ApiDeps {
  credentials: Credentials;
  onSample?: (sample: { ms: number; ok: boolean; method: string }) => void;
  fetch?: typeof fetch;
  /** Mock mode keeps its sample conversations here (IndexedDB `kv`). */
  kv?: KeyValueStore;
  /** Mock mode's time per call (default 150–400 ms); tests shorten it. */
  mockLatencyMs?: () => number;
}

export async function apiFor(deps: ApiDeps, settings?: Settings): Promise<ChatwootApi> {
  const s = settings ?? (await getSettings());
  if (s.mockMode) {
    // Same interface, bundled sample conversations: nothing leaves the browser.
    if (!deps.kv) throw new ChatwootError('unexpected', 'Mock mode has no storage');
    return new MockChatwoot({
      kv: deps.kv,
      failure: s.mockFailure,
      slaMinutes: s.slaMinutes,
      latencyMs: deps.mockLatencyMs,
    });
  }
  if (!s.chatwootUrl) throw new ChatwootError('not_configured', 'No Chatwoot URL set');
  const origin = s.chatwootUrl;
  return new ChatwootClient({
    origin,
    authHeaders: () => deps.credentials.headers(s, origin),
    onSample: deps.onSample,
    fetch: deps.fetch,
  });
}

export function profileInfo(profile: WireProfile, preferredAccountId?: number | null): ProfileInfo {
  const account =
    profile.accounts.find((a) => a.id === preferredAccountId) ?? profile.accounts[0] ?? null;
  if (!account) {
    throw new ChatwootError('not_in_account', 'This user belongs to no Chatwoot account', 401);
  }
  return {
    userId: profile.id,
    name: profile.available_name || profile.name || profile.email,
    email: profile.email,
    accountId: account.id,
    accountName: account.name ?? `Account ${account.id}`,
  };
}

/** The operator for this origin, from the session cache or a profile call. */
export async function currentOperator(
  api: ChatwootApi,
  origin: string,
  accountId?: number | null,
): Promise<ProfileInfo> {
  const cached = await operatorItem.getValue();
  if (cached && cached.origin === origin && (!accountId || cached.accountId === accountId)) {
    return cached;
  }
  const info = profileInfo(await api.profile(), accountId);
  await operatorItem.setValue({ ...info, origin });
  return info;
}

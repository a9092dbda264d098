import { browser } from 'wxt/browser';
import { ChatwootClient, type ChatwootApi } from '../chatwoot/client';
import { ChatwootError } from '../chatwoot/errors';
import type { DecisionsDb } from '../decisions/db';
import type { DecisionRecord } from '../decisions/record';
import { patchDecision } from './store';
import { apiFor, profileInfo, type ApiDeps } from '../background/api';
import { isGranted } from '../platform/permissions';
import { getSettings, operatorItem } from '../settings/settings';

// A decision is bound to the Chatwoot it was made on (origin, account) and to its operator. The
// outbox builds the client from the DECISION's origin and that origin's credentials, never from
// whatever the options say when it finally runs, and holds what it can no longer send there.

export interface BindingDeps extends ApiDeps {
  /** Tests replace the live client (the decision's origin is passed). */
  api?: (origin: string) => Promise<ChatwootApi>;
  /** Whether the user granted the extension this origin (default: chrome.permissions). */
  hasPermission?: (origin: string) => Promise<boolean>;
}

/** The API this decision may be sent through (for one attempt), or a ChatwootError saying why
 * it is held. */
export async function apiForDecision(
  deps: BindingDeps,
  record: Pick<DecisionRecord, 'chatwootOrigin' | 'mock'>,
): Promise<ChatwootApi> {
  const settings = await getSettings();
  // A mock decision never reaches Chatwoot, and a live one never the mock.
  if (record.mock) return apiFor(deps, { ...settings, mockMode: true });
  const origin = record.chatwootOrigin;
  if (origin !== settings.chatwootUrl) {
    throw new ChatwootError('origin_changed', origin);
  }
  if (deps.api) return deps.api(origin);
  const granted = await (deps.hasPermission ?? grantedInChrome)(origin);
  if (!granted) throw new ChatwootError('no_permission', `Access to ${origin} is not granted`);
  // One attempt, one set of credentials: the profile call that says who is signed in and the
  // POST after it go as the same user, even if the session cookie changes in between.
  let headers: Promise<Record<string, string>> | undefined;
  return new ChatwootClient({
    origin,
    authHeaders: () => (headers ??= deps.credentials.headers(settings, origin)),
    onSample: deps.onSample,
    fetch: deps.fetch,
  });
}

function grantedInChrome(origin: string): Promise<boolean> {
  return isGranted(browser.permissions, origin);
}

export interface SignedIn {
  userId: number;
  email: string;
}

/** Who Chatwoot says is signed in now (a fresh profile call); refreshes the operator cache. */
export async function signedIn(
  api: ChatwootApi,
  origin: string,
  accountId: number,
): Promise<SignedIn> {
  const profile = await api.profile();
  if (profile.accounts.some((a) => a.id === accountId)) {
    await operatorItem.setValue({ ...profileInfo(profile, accountId), origin });
  }
  return { userId: profile.id, email: profile.email };
}

/** A decision is sent only as the user who made it. One whose operator Chatwoot has not yet
 * confirmed takes the signed-in user, unless the name guessed at the click was someone else. */
export async function bindOperator(
  db: DecisionsDb,
  record: DecisionRecord,
  me: SignedIn,
  now: Date,
): Promise<DecisionRecord> {
  const confirmed = record.operatorId ?? null;
  const other =
    confirmed !== null
      ? confirmed !== me.userId
      : record.operatorEmail !== '' && record.operatorEmail !== me.email;
  if (other) throw new ChatwootError('operator_changed', me.email);
  if (confirmed !== null) return record;
  const patch = { operatorId: me.userId, operatorEmail: me.email };
  await patchDecision(db, record.id, patch, now);
  return { ...record, ...patch };
}

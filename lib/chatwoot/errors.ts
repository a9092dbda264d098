// Every way a Chatwoot call can fail, as a closed set produced at the edge (client.ts).
// Words for each kind live in lib/i18n/words.ts, in one place.

export const API_ERROR_KINDS = [
  'not_configured', // no Chatwoot URL yet
  'no_permission', // the user has not granted the extension that origin
  'signed_out', // 401 "You need to sign in…" / no session cookie
  'bad_token', // 401 "Invalid Access Token"
  'not_in_account', // 401 "You are not authorized to access this account"
  'forbidden', // 401 "You are not authorized to do this action" (Chatwoot says 401, not 403)
  'not_found', // 404
  'unprocessable', // 422
  'rate_limited', // 429, plain text, no Retry-After
  'server', // 5xx
  'offline', // the request never got an answer (DNS, refused, dropped)
  'timeout', // our own deadline passed
  'invalid_response', // an answer, but not the JSON Chatwoot sends
  'not_chatwoot', // the URL answers, but it is not a Chatwoot API
  'label_refused', // labels POST answered without the label we added
  'unexpected', // a bug or a browser API failure inside the extension
  'approvals_disabled', // the administrator's policy turned Approve & Send off (lib/settings/settings.ts)
  'ai_disabled', // the administrator's policy turned the AI draft off (lib/settings/settings.ts)
  'origin_changed', // the decision's Chatwoot is no longer the configured one: held, never sent elsewhere
  'operator_changed', // Chatwoot is signed in as another user than the decision's operator: held
] as const;
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];

export class ChatwootError extends Error {
  override readonly name = 'ChatwootError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status: number | null = null,
    /** The request may have reached Chatwoot even though we saw no answer (POST only). */
    readonly ambiguous = false,
  ) {
    super(message);
  }
}

export type ErrorClass = 'retry' | 'pause' | 'fail';

/** What the outbox does with an error: retry later, pause until signed in, or give up (a
 * decision it can no longer send where it was made — no permission, another URL, another
 * user — is held as failed, with Retry and Cancel). */
export function classifyError(kind: ApiErrorKind): ErrorClass {
  switch (kind) {
    case 'rate_limited':
    case 'server':
    case 'offline':
    case 'timeout':
    case 'invalid_response':
      return 'retry';
    case 'signed_out':
    case 'bad_token':
    case 'not_configured':
      return 'pause';
    default:
      return 'fail';
  }
}

/** Serializable form for the message protocol. */
export interface ApiErrorInfo {
  kind: ApiErrorKind;
  status: number | null;
  detail: string;
}

export function toErrorInfo(error: unknown): ApiErrorInfo {
  if (error instanceof ChatwootError) {
    return { kind: error.kind, status: error.status, detail: error.message };
  }
  const detail = error instanceof Error ? error.message : String(error);
  // Chromium rejects extension API calls (cookies, storage) with "No SW" while it stops the
  // service worker: the call may have been half done, so it is retried like a dropped connection
  // (and the retry looks before posting again), never failed for good.
  return { kind: detail === 'No SW' ? 'offline' : 'unexpected', status: null, detail };
}

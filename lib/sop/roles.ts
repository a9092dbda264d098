// A Chatwoot user's role in an account, as the template library reads it (lib/sop/templates/library-policy.ts).
// Its own module: the worker needs this line, not the library's rules and the suggestion
// engine they import (17 KB gzip in the background bundle, issue 8).

export type AccountRole = 'administrator' | 'agent';

/** Chatwoot's account roles are `administrator` and `agent`; anything else edits nothing. */
export function accountRole(role: string | null | undefined): AccountRole {
  return role === 'administrator' ? 'administrator' : 'agent';
}

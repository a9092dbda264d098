import type { ChatwootApi } from '../chatwoot/client';
import { accountRole, type AccountRole } from '../sop/roles';
import { operatorItem } from '../settings/settings';
import { profileInfo } from './api';

// The signed-in user's role in the account the extension works in, for the template library
// (only an administrator edits it: lib/sop/templates/library-policy.ts). Always a fresh profile call: a
// role changed in Chatwoot counts the next time the options page opens, not after a restart.

export interface OperatorRole {
  accountId: number;
  accountName: string;
  role: AccountRole;
}

/** The account is the one the extension already works in (the cached operator's, as the
 * queue and the canned responses use), else the profile's first, as at sign-in. */
export async function operatorRole(api: ChatwootApi, origin: string): Promise<OperatorRole> {
  const cached = await operatorItem.getValue();
  const profile = await api.profile();
  const info = profileInfo(profile, cached?.origin === origin ? cached.accountId : null);
  const account = profile.accounts.find((a) => a.id === info.accountId);
  return {
    accountId: info.accountId,
    accountName: info.accountName,
    role: accountRole(account?.role),
  };
}

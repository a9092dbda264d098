import { queryOptions } from '@tanstack/react-query';
import type { ApiErrorInfo } from '../../../lib/chatwoot/errors';
import { errorKey, type Translate } from '../../../lib/i18n/core';
import { send } from '../../../lib/platform/messaging';
import type { CannedResponse } from '../../../lib/sop/templates/library-edit';

// What the template library asks the background (react-query; the options page's client is in
// components/options/Options.tsx): the account's canned responses, and the user's role.

/** A failure the background answered, with its kind for the words. */
export class ReplyError extends Error {
  constructor(readonly info: ApiErrorInfo) {
    super(info.detail);
  }
}

/** Any failure of these calls, in words. */
export function failureText(t: Translate, error: unknown): string {
  return error instanceof ReplyError
    ? t(errorKey(error.info.kind), { detail: error.info.detail })
    : t('err_unexpected', { detail: String(error) });
}

export async function listCanned(term: string): Promise<CannedResponse[]> {
  const reply = await send('canned/list', term ? { search: term } : {});
  if (!reply.ok) throw new ReplyError(reply.error);
  return reply.value.responses;
}

/** The canned responses matching a search ('' = all), asked when the import opens or searches. */
export const cannedQuery = (term: string) =>
  queryOptions({ queryKey: ['canned', term], queryFn: () => listCanned(term), staleTime: 0 });

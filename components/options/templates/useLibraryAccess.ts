import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { send } from '../../../lib/platform/messaging';
import { operatorItem } from '../../../lib/settings/settings';
import {
  libraryAccess,
  type LibraryAccess,
  type RoleCheck,
} from '../../../lib/sop/templates/library-policy';
import { useSettings } from '../../shared/hooks';
import { ReplyError } from './queries';

// May the person at this options page change the template library? The background reads their
// role in Chatwoot (`operator/role`); the rule is lib/sop/templates/library-policy.ts. Asked again when
// the sign-in may have changed: another URL, mode or mock mode (the query's key), or a Save
// that signed someone else in (the background rewrites `operatorItem` then,
// lib/settings/settings.ts). Not asked at all while a policy locks the library.

export function useLibraryAccess(managed: boolean): {
  access: LibraryAccess;
  check: RoleCheck;
  recheck: () => void;
} {
  const { chatwootUrl, authMode, mockMode } = useSettings();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['operator-role', chatwootUrl, authMode, mockMode],
    queryFn: async () => {
      const reply = await send('operator/role', {});
      if (!reply.ok) throw new ReplyError(reply.error);
      return reply.value;
    },
    enabled: !managed,
    staleTime: 0,
  });
  useEffect(
    () =>
      operatorItem.watch(() => void queryClient.invalidateQueries({ queryKey: ['operator-role'] })),
    [queryClient],
  );

  // While asking (again), nothing is editable on the strength of an older answer.
  const check: RoleCheck =
    query.isFetching || query.isPending
      ? { state: 'checking' }
      : query.isSuccess
        ? { state: 'known', role: query.data.role, accountName: query.data.accountName }
        : {
            state: 'failed',
            error:
              query.error instanceof ReplyError
                ? query.error.info
                : { kind: 'unexpected', detail: String(query.error) },
          };
  return { access: libraryAccess(managed, check), check, recheck: () => void query.refetch() };
}

import { useEffect, useState } from 'react';
import { send } from '../../../lib/platform/messaging';
import { operatorItem } from '../../../lib/settings/settings';
import { libraryAccess, type LibraryAccess, type RoleCheck } from '../../../lib/sop/library-policy';
import { useSettings } from '../../shared/hooks';

// May the person at this options page change the template library? The background reads their
// role in Chatwoot (`operator/role`); the rule is lib/sop/library-policy.ts. Asked again when
// the sign-in may have changed: another URL, mode or mock mode, or a Save that signed someone
// else in (the background rewrites `operatorItem` then, lib/settings/settings.ts).

export function useLibraryAccess(managed: boolean): {
  access: LibraryAccess;
  check: RoleCheck;
  recheck: () => void;
} {
  const { chatwootUrl, authMode, mockMode } = useSettings();
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ key: string; check: RoleCheck } | null>(null);
  const key = JSON.stringify([managed, chatwootUrl, authMode, mockMode, attempt]);

  useEffect(() => operatorItem.watch(() => setAttempt((n) => n + 1)), []);
  useEffect(() => {
    if (managed) return; // locked whatever the role: nothing to ask Chatwoot
    let live = true;
    send('operator/role', {})
      .then((reply) => {
        if (!live) return;
        setResult({
          key,
          check: reply.ok
            ? { state: 'known', role: reply.value.role, accountName: reply.value.accountName }
            : { state: 'failed', error: reply.error },
        });
      })
      .catch((e: unknown) => {
        if (live) {
          setResult({
            key,
            check: { state: 'failed', error: { kind: 'unexpected', detail: String(e) } },
          });
        }
      });
    return () => {
      live = false;
    };
  }, [key, managed]);

  const check: RoleCheck = result?.key === key ? result.check : { state: 'checking' };
  return { access: libraryAccess(managed, check), check, recheck: () => setAttempt((n) => n + 1) };
}

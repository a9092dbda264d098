import { errorKey } from '../../../lib/i18n/core';
import type {
  LibraryAccess,
  ManagedLibraryProblem,
  RoleCheck,
} from '../../../lib/sop/templates/library-policy';
import { useI18n } from '../../shared/i18n';
import { Icon } from '../../shared/Icon';
import { policyProblemText } from './issueWords';

/** Why the library cannot be changed here, in words; null when it can. */
export function AccessNotice(props: {
  access: LibraryAccess;
  check: RoleCheck;
  problems: readonly ManagedLibraryProblem[];
  onRetry: () => void;
}) {
  const { t } = useI18n();
  const { access, check } = props;
  if (access.editable) return null;
  switch (access.reason) {
    case 'managed': {
      const [unusable] = props.problems.filter((p) => p.kind === 'unusable');
      const leftOut = props.problems.filter((p) => p.kind === 'template');
      return (
        <div className="notice notice-info">
          <p>
            <Icon name="lock" /> {t('tpl_locked')}
          </p>
          {unusable && <p>{policyProblemText(t, unusable)}</p>}
          {leftOut.length > 0 && (
            <>
              <p>{t('tpl_policy_left_out')}</p>
              <ul>
                {leftOut.map((p) => (
                  <li key={p.kind === 'template' ? p.position : 0}>{policyProblemText(t, p)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      );
    }
    case 'checking':
      return <p className="hint">{t('tpl_role_checking')}</p>;
    case 'agent':
      return (
        <p className="notice notice-info">
          <Icon name="lock" />{' '}
          {t('tpl_role_agent', { account: check.state === 'known' ? check.accountName : '' })}
        </p>
      );
    case 'not_signed_in':
    case 'unreachable': {
      const detail = check.state === 'failed' ? check.error.detail : '';
      const words = t(errorKey(access.error), { detail });
      return (
        <div className="notice notice-warning">
          <p>
            <Icon name="lock" />{' '}
            {access.reason === 'not_signed_in' ? t('tpl_role_sign_in') : t('tpl_role_failed')}{' '}
            {words}
          </p>
          {access.reason === 'unreachable' && (
            <button type="button" onClick={props.onRetry}>
              {t('retry')}
            </button>
          )}
        </div>
      );
    }
  }
}

import { useEffect, useState } from 'react';
import type { ProfileInfo } from '../../lib/messages';
import { operatorItem } from '../../lib/settings/settings';
import { useSettings } from '../shared/hooks';
import { useI18n } from '../shared/i18n';
import { Icon } from '../shared/Icon';

type Operator = (ProfileInfo & { origin: string }) | null;

/** Who the background last found signed in (session storage), kept current. */
export function useOperator(): Operator {
  const [operator, setOperator] = useState<Operator>(null);
  useEffect(() => {
    void operatorItem.getValue().then(setOperator);
    return operatorItem.watch(setOperator);
  }, []);
  return operator;
}

/** The page's state at a glance, above the steps: connected (to what, as whom), set but not
 * checked in this browser session, or not set up yet. */
export function ConnectionStatus() {
  const { t } = useI18n();
  const { chatwootUrl } = useSettings();
  const operator = useOperator();
  const connected = operator !== null && chatwootUrl !== '' && operator.origin === chatwootUrl;
  return (
    <p
      className={`connection-status ${connected ? 'is-connected' : chatwootUrl ? 'is-set' : 'is-new'}`}
    >
      <Icon name={connected ? 'check' : chatwootUrl ? 'clock' : 'dash'} />{' '}
      {connected
        ? t('opt_status_connected', {
            origin: chatwootUrl,
            name: operator.name,
            email: operator.email,
          })
        : chatwootUrl
          ? t('opt_status_unchecked', { origin: chatwootUrl })
          : t('opt_status_new')}
    </p>
  );
}

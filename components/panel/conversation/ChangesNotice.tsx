import type { WireMessage } from '../../../lib/chatwoot/schemas';
import { formatDuration, fromEpochSeconds } from '../../../lib/i18n/format';
import { useI18n } from '../../shared/i18n';
import type { Changes } from './freshness';

/** What changed, in the confirmation, before anything is sent (./freshness.ts). */
export function ChangesNotice(props: {
  changes: Changes;
  withCustomer: boolean;
  /** The confirm click was stopped: say to confirm again. */
  askedAgain: boolean;
  now: Date;
}) {
  const { t, locale } = useI18n();
  const { customer, others, status } = props.changes;
  const shownCustomer = props.withCustomer ? customer : [];
  if (shownCustomer.length === 0 && others.length === 0 && !status) return null;
  const ago = (m: WireMessage) =>
    formatDuration(
      Math.max(0, props.now.getTime() - (fromEpochSeconds(m.created_at)?.getTime() ?? 0)),
      locale,
    );
  return (
    <div role="alert" className="notice notice-warning changes-notice">
      {shownCustomer.length > 0 && (
        <>
          <p>{t('stale_customer_wrote')}</p>
          {shownCustomer.map((m) => (
            <blockquote key={m.id} className="new-customer-message">
              {m.content}
            </blockquote>
          ))}
        </>
      )}
      {(others.length > 0 || status) && (
        <>
          <p>{t('since_title')}</p>
          <ul>
            {others.map((m) => (
              <li key={m.id}>
                {t('since_answered', {
                  agent: m.sender?.name ?? '—',
                  time: ago(m),
                  text: (m.content ?? '').slice(0, 300),
                })}
              </li>
            ))}
            {status && (
              <li>
                {status.activity
                  ? t('since_status', {
                      status: t(`status_${status.now}` as 'status_open'),
                      activity: status.activity.content ?? '',
                      time: ago(status.activity),
                    })
                  : t('since_status_plain', { status: t(`status_${status.now}` as 'status_open') })}
              </li>
            )}
          </ul>
        </>
      )}
      {props.askedAgain && <p className="ask-again">{t('stale_ask_again')}</p>}
    </div>
  );
}

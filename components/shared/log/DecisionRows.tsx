import { useId, useMemo } from 'react';
import type { MessageKey } from '../../../lib/i18n/core';
import type { DecisionRecord } from '../../../lib/decisions/record';
import { send } from '../../../lib/platform/messaging';
import { useI18n } from '../i18n';
import { useToast } from '../Toasts';

// The log's rows: one table, laid out as compact two-line cards below 600 px (the 360 px side
// panel: no sideways scrolling) and as columns above it (the full-tab page). What does not fit
// a card — reply, note, error, ids — is under each row's Details (decision-log.css).

export function DecisionRows(props: {
  rows: DecisionRecord[];
  onOpenConversation?: () => void;
  /** The full-tab page: details shown open (there is room). */
  wide?: boolean;
}) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const captionId = useId();
  const when = useMemo(
    () => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' }),
    [locale],
  );
  const open = async (r: DecisionRecord) => {
    const { ok } = await send('tab/open-conversation', {
      tabId: -1,
      accountId: r.accountId,
      conversationId: r.conversationId,
    });
    if (ok) props.onOpenConversation?.();
    else toast(t('err_not_configured'), 'error');
  };
  return (
    <div className="log-rows">
      <table className="log-table" aria-labelledby={captionId}>
        <caption id={captionId}>{t('log_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('log_col_action')}</th>
            <th scope="col">{t('log_col_sync')}</th>
            <th scope="col">{t('log_col_conversation')}</th>
            <th scope="col">{t('log_col_operator')}</th>
            <th scope="col">{t('log_col_when')}</th>
            <th scope="col">{t('log_col_details')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.id} className={`log-row log-${r.syncState}`}>
              <td className="log-action">
                {t(`action_${r.action.replace('.', '_')}` as MessageKey)}
                {r.escalationReason && (
                  <span className="log-reason"> · {t(`reason_${r.escalationReason}`)}</span>
                )}
                {r.mock && <span className="log-tag">{t('log_mock')}</span>}
              </td>
              <td className="log-sync">
                <span className="log-state">{t(`state_${r.syncState}`)}</span>
              </td>
              <td className="log-conversation">
                {r.mock ? (
                  `#${r.conversationId}`
                ) : (
                  <button
                    type="button"
                    className="log-link"
                    title={t('log_open', { id: `#${r.conversationId}` })}
                    onClick={() => void open(r)}
                  >
                    #{r.conversationId}
                  </button>
                )}
              </td>
              <td className="log-operator">{r.operatorEmail}</td>
              <td className="log-when">
                <time dateTime={r.createdAt.toISOString()}>{when.format(r.createdAt)}</time>
              </td>
              <td className="log-details">
                <details open={props.wide}>
                  <summary>{t('log_row_details')}</summary>
                  {r.error && <p className="log-error">{r.error}</p>}
                  {r.replyBody && (
                    <p>
                      {t('log_reply', { text: clip(r.replyBody) })}
                      {r.replySource === 'ai' && ` (${t('log_ai_draft')})`}
                      {r.edited && ` (${t('log_edited')})`}
                    </p>
                  )}
                  {r.note && <p>{t('log_note', { text: clip(r.note) })}</p>}
                  <p className="log-id">{r.id}</p>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The log shows the start of long texts; the CSV has them whole. */
function clip(s: string, max = 160): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

import { browser } from 'wxt/browser';
import { errorKey } from '../../../lib/i18n/core';
import { PanelError } from './queries';
import { useSettings } from '../../shared/hooks';
import { useI18n } from '../../shared/i18n';
import { authWords } from './OutboxList';

/** One place that turns a typed error into plain words and a way to fix it. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const { authMode } = useSettings();
  const info = error instanceof PanelError ? error.info : null;
  const text = info
    ? (authWords(t, info.kind, authMode) ?? t(errorKey(info.kind), { detail: info.detail }))
    : t('err_invalid_response');
  const fixInOptions =
    info &&
    [
      'not_configured',
      'no_permission',
      'signed_out',
      'bad_token',
      'not_chatwoot',
      'not_in_account',
    ].includes(info.kind);
  return (
    <div role="alert" className="notice notice-error">
      <p>{text}</p>
      <div className="notice-actions">
        {fixInOptions && (
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('open_options')}
          </button>
        )}
        {onRetry && (
          <button type="button" onClick={onRetry}>
            {t('retry')}
          </button>
        )}
      </div>
    </div>
  );
}

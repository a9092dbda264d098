import { useI18n } from '../i18n';
import type { ExportState } from './useCsvExport';

/** Progress bar + Cancel while running; the outcome in a live region once it ends. */
export function ExportStatus(props: { state: ExportState; onCancel?: () => void }) {
  const { state, onCancel } = props;
  const { t, locale } = useI18n();
  const n = (x: number) => new Intl.NumberFormat(locale).format(x);
  return (
    <>
      {state.phase === 'running' && (
        <div className="export-progress">
          {/* Without a value the bar is indeterminate: the rows are still being counted. */}
          {state.progress.total === null ? (
            <progress aria-label={t('export_progress')} />
          ) : (
            <progress
              aria-label={t('export_progress')}
              max={Math.max(1, state.progress.total)}
              value={state.progress.done}
            />
          )}
          <span>
            {state.progress.total === null
              ? t('export_status_counting', { done: n(state.progress.done) })
              : t('export_status', {
                  done: n(state.progress.done),
                  total: n(state.progress.total),
                })}
          </span>
          {onCancel && (
            <button type="button" onClick={onCancel}>
              {t('cancel')}
            </button>
          )}
        </div>
      )}
      {/* Always rendered, so screen readers announce what appears in it. */}
      <p role="status" className="export-outcome">
        {state.phase === 'done' && t('export_done', { n: n(state.rows), file: state.fileName })}
        {state.phase === 'cancelled' && t('export_cancelled')}
      </p>
      <div role="alert">
        {state.phase === 'failed' && (
          <p className="notice notice-error">
            {state.exportAgain
              ? t('export_out_of_order')
              : t('export_failed', { detail: state.detail })}
          </p>
        )}
      </div>
    </>
  );
}

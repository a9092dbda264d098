import type { DecisionFilter } from '../../../lib/decisions/query';
import { useI18n } from '../../shared/i18n';
import { ExportStatus } from './ExportStatus';
import { useCsvExport } from './useCsvExport';

/** Exports what the log's filters select; `total`, when the view already counted it, skips a count. */
export function ExportCsv({ filter, total }: { filter: DecisionFilter; total?: number }) {
  const { t } = useI18n();
  const exporter = useCsvExport();
  const running = exporter.state.phase === 'running';
  return (
    <section className="card log-export" aria-label={t('export_csv')}>
      <p className="hint">{t('export_hint')}</p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={running}
          onClick={() => void exporter.run(filter, total)}
        >
          {t('export_csv')}
        </button>
      </div>
      <ExportStatus state={exporter.state} onCancel={exporter.cancel} />
    </section>
  );
}

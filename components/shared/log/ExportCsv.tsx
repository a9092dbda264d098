import { useId, useState } from 'react';
import { defaultCsvDelimiter, type CsvDelimiter } from '../../../lib/decisions/csv';
import type { DecisionFilter } from '../../../lib/decisions/query';
import { useI18n } from '../i18n';
import { ExportStatus } from './ExportStatus';
import { useCsvExport } from './useCsvExport';

/** Exports what the log's filters select; `total`, when the view already counted it, skips a count. */
export function ExportCsv({ filter, total }: { filter: DecisionFilter; total?: number }) {
  const { t, locale } = useI18n();
  const exporter = useCsvExport();
  const formatId = useId();
  // French Excel splits on `;`: the panel's language picks the default, the lead can change it.
  const [chosen, setChosen] = useState<CsvDelimiter | null>(null);
  const delimiter = chosen ?? defaultCsvDelimiter(locale);
  const running = exporter.state.phase === 'running';
  return (
    <section className="card log-export" aria-label={t('export_csv')}>
      <p className="hint">{t('export_hint')}</p>
      <div className="field">
        <label htmlFor={formatId}>{t('csv_format')}</label>
        <select
          id={formatId}
          value={delimiter}
          onChange={(e) => setChosen(e.target.value as CsvDelimiter)}
        >
          <option value=",">{t('csv_format_comma')}</option>
          <option value=";">{t('csv_format_excel')}</option>
        </select>
      </div>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={running}
          onClick={() => void exporter.run(filter, total, delimiter)}
        >
          {t('export_csv')}
        </button>
      </div>
      <ExportStatus state={exporter.state} onCancel={exporter.cancel} />
    </section>
  );
}

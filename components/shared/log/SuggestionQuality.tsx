import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { DecisionFilter } from '../../../lib/decisions/query';
import { iterateDecisions } from '../../../lib/decisions/query';
import {
  countQuality,
  qualityRows,
  type QualityBy,
  type QualityRow,
} from '../../../lib/decisions/quality';
import { useI18n } from '../i18n';
import { LOG_KEY, logDb } from './logQueries';

// Team scope: per template or per agent, what became of the suggestions shown
// (lib/decisions/quality.ts). Read only when opened: it walks every row the filters select.

async function quality(filter: DecisionFilter, by: QualityBy): Promise<QualityRow[]> {
  const totals = new Map<string, QualityRow>();
  for await (const rows of iterateDecisions(logDb(), filter, 2_000)) countQuality(totals, rows, by);
  return qualityRows(totals);
}

export function SuggestionQuality({ filter }: { filter: DecisionFilter }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [by, setBy] = useState<QualityBy>('template');
  const query = useQuery({
    queryKey: [LOG_KEY, 'quality', filter, by],
    queryFn: () => quality(filter, by),
    enabled: open,
  });
  const n = (x: number) => new Intl.NumberFormat(locale).format(x);
  const pct = (x: number | null) =>
    x === null ? '' : new Intl.NumberFormat(locale, { style: 'percent' }).format(x);
  const rows = query.data ?? [];
  return (
    <details className="card log-quality" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('quality_title')}</summary>
      <fieldset className="log-scope">
        <legend>{t('quality_by')}</legend>
        {(['template', 'operator'] as const).map((b) => (
          <label key={b}>
            <input type="radio" name="quality-by" checked={by === b} onChange={() => setBy(b)} />
            {t(b === 'template' ? 'quality_by_template' : 'quality_by_operator')}
          </label>
        ))}
      </fieldset>
      <p className="hint">{t('quality_hint')}</p>
      {query.isSuccess && rows.length === 0 && <p>{t('quality_none')}</p>}
      {rows.length > 0 && (
        <div className="log-quality-scroll">
          <table>
            <caption>{t('quality_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  {t(by === 'template' ? 'quality_key_template' : 'quality_key_operator')}
                </th>
                <th scope="col">{t('quality_shown')}</th>
                <th scope="col">{t('quality_as_is')}</th>
                <th scope="col">{t('quality_edited')}</th>
                <th scope="col">{t('quality_ai')}</th>
                <th scope="col">{t('quality_escalated')}</th>
                <th scope="col">{t('quality_acceptance')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.key}</th>
                  <td>{n(r.shown)}</td>
                  <td>{n(r.asIs)}</td>
                  <td>{n(r.edited)}</td>
                  <td>{n(r.ai)}</td>
                  <td>{n(r.escalated)}</td>
                  <td>{pct(r.acceptance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

import { useQuery } from '@tanstack/react-query';
import { send } from '../../../lib/platform/messaging';
import { LATENCY_TARGET_MS } from '../../../lib/sop/health';
import { useI18n } from '../../shared/i18n';
import { Icon } from '../../shared/Icon';

const ICON = { ok: 'check', warn: 'alert', no_data: 'dash' } as const;

/** Integration health (runbook "Integration Monitoring"), with its warning thresholds. */
export function HealthPanel() {
  const { t, locale } = useI18n();
  const query = useQuery({
    queryKey: ['health'],
    queryFn: () => send('health/get', {}),
    refetchInterval: 60_000,
  });
  const report = query.data;
  if (!report) return null;
  const ms = (value: number | null) =>
    value === null
      ? '–'
      : new Intl.NumberFormat(locale, {
          style: 'unit',
          unit: 'millisecond',
          maximumFractionDigits: 0,
        }).format(value);
  const pct = (value: number | null) =>
    value === null
      ? '–'
      : new Intl.NumberFormat(locale, {
          style: 'percent',
          maximumFractionDigits: 1,
          signDisplay: 'auto',
        }).format(value);
  const rows = [
    {
      key: 'latency',
      status: report.latency.status,
      text: t('health_latency', {
        median: ms(report.latency.median),
        p95: ms(report.latency.p95),
        target: ms(LATENCY_TARGET_MS),
      }),
    },
    {
      key: 'failures',
      status: report.sendFailures.status,
      text: t('health_failures', {
        rate: pct(report.sendFailures.rate),
        failed: report.sendFailures.failed,
        total: report.sendFailures.sent + report.sendFailures.failed,
      }),
    },
    {
      key: 'breaches',
      status: report.breaches.status,
      text:
        report.breaches.sameWeekdayLastWeek === null
          ? t('health_breaches_no_baseline', { today: report.breaches.today })
          : report.breaches.sameWeekdayLastWeek === 0
            ? t('health_breaches_none_last_week', { today: report.breaches.today })
            : t('health_breaches', {
                today: report.breaches.today,
                last: report.breaches.sameWeekdayLastWeek,
                change: pct(report.breaches.change),
              }),
    },
  ];
  return (
    <section className="card health" aria-labelledby="health-title">
      <h2 id="health-title">{t('health')}</h2>
      <ul>
        {rows.map((row) => (
          <li key={row.key} className={`health-${row.status}`}>
            <Icon name={ICON[row.status]} />{' '}
            {row.status === 'warn' && <strong>{t('health_warning')} </strong>}
            {row.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

import type { SlaPriority as SlaResult } from '../../../lib/sop/sla';
import { formatClockTime, formatDuration } from '../../../lib/i18n/format';
import { PriorityBadge } from '../common/PriorityBadge';
import { useI18n } from '../../shared/i18n';

const CLOCK_KIND = {
  creation: 'clock_frt',
  frt: 'clock_frt',
  nrt: 'clock_nrt',
  rt: 'clock_rt',
} as const;

/** Priority badge, SLA line and the clock it came from (the runbook Q&A: never hide it). */
export function SlaSummary({ sla, now }: { sla: SlaResult; now: Date }) {
  const { t, locale } = useI18n();
  const target =
    sla.priority === 'P1'
      ? t('p1_target')
      : sla.priority === 'P2'
        ? t('p2_target')
        : sla.priority === 'P3'
          ? t('p3_target')
          : null;
  let line: string;
  if (sla.breachedAt) {
    line = t('breach_ago', {
      time: formatDuration(now.getTime() - sla.breachedAt.getTime(), locale),
    });
  } else if (sla.clock && sla.clock.deadline > now) {
    line = t('due_in', {
      time: formatDuration(sla.clock.deadline.getTime() - now.getTime(), locale),
    });
  } else {
    line = t('none');
  }
  const clock = sla.clock
    ? sla.clock.source === 'chatwoot_sla'
      ? t('clock_chatwoot', {
          name: sla.clock.slaName ?? 'SLA',
          kind: t(CLOCK_KIND[sla.clock.kind]),
          time: formatClockTime(sla.clock.startedAt, now, locale),
        })
      : t('clock_creation', { time: formatClockTime(sla.clock.startedAt, now, locale) })
    : null;
  return (
    <section className="sla" aria-label={t('priority')}>
      <div className="sla-row">
        <span className="label">{t('priority')}</span>
        <PriorityBadge priority={sla.priority} />
        {target && <span className="target">{target}</span>}
      </div>
      <p className={sla.breachedAt ? 'sla-line breached' : 'sla-line'}>{line}</p>
      {clock && <p className="sla-clock">{clock}</p>}
    </section>
  );
}

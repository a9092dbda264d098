import type { SlaClockSetting, SlaPriority as SlaResult } from '../../../lib/sop/sla';
import { toDate, type TimeInput } from '../../../lib/sop/wire';
import { formatClockTime, formatDuration } from '../../../lib/i18n/format';
import { PriorityBadge } from '../common/PriorityBadge';
import { useI18n } from '../../shared/i18n';

// Chatwoot's clocks are frt/nrt/rt; the other two never come with source 'chatwoot_sla'.
const CLOCK_KIND = {
  waiting: 'clock_frt',
  creation: 'clock_frt',
  frt: 'clock_frt',
  nrt: 'clock_nrt',
  rt: 'clock_rt',
} as const;

/** Priority badge, SLA line and the clock it came from (the runbook Q&A: never hide it). */
export function SlaSummary(props: {
  sla: SlaResult;
  now: Date;
  status: string;
  snoozedUntil?: TimeInput;
  /** The clock setting in effect, named even when no clock runs. */
  clockSetting: SlaClockSetting;
}) {
  const { sla, now } = props;
  const { t, locale } = useI18n();
  const target =
    sla.priority === 'P1'
      ? t('p1_target')
      : sla.priority === 'P2'
        ? t('p2_target')
        : sla.priority === 'P3'
          ? t('p3_target')
          : null;
  const at = (date: Date) => formatClockTime(date, now, locale);
  let line: string;
  if (props.status === 'snoozed') {
    // A snoozed conversation is not "fine": it is parked until a date or the next message.
    const until = toDate(props.snoozedUntil);
    line = until ? t('sla_snoozed_until', { time: at(until) }) : t('sla_snoozed');
  } else if (props.status === 'resolved') {
    line = t('sla_resolved');
  } else if (sla.breachedAt) {
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
  let clock: string | null = null;
  if (props.status === 'open' || props.status === 'pending') {
    if (sla.clock?.source === 'chatwoot_sla') {
      clock = t('clock_chatwoot', {
        name: sla.clock.slaName ?? 'SLA',
        kind: t(CLOCK_KIND[sla.clock.kind]),
        time: at(sla.clock.startedAt),
      });
    } else if (sla.clock?.kind === 'waiting') {
      clock = t('clock_waiting', { time: at(sla.clock.startedAt) });
    } else if (sla.clock?.kind === 'creation') {
      clock = t('clock_creation', { time: at(sla.clock.startedAt) });
    } else if (props.clockSetting === 'waiting') {
      clock = t('clock_waiting_none');
    }
  }
  return (
    <section className="sla" aria-label={t('priority')}>
      <div className="sla-row">
        <span className="label">{t('priority')}</span>
        <PriorityBadge priority={sla.priority} />
        {target && <span className="target">{target}</span>}
      </div>
      {sla.breachedAt && <p className="sla-breached">{t('breached')}</p>}
      <p className={sla.breachedAt ? 'sla-line breached' : 'sla-line'}>{line}</p>
      {clock && <p className="sla-clock">{clock}</p>}
    </section>
  );
}

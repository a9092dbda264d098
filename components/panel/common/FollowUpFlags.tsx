import type { FollowUpFlag } from '../../../lib/sop/follow-up';
import { formatDuration } from '../../../lib/i18n/format';
import { useI18n } from '../../shared/i18n';
import { Icon } from '../../shared/Icon';

/** The follow-up timers' flags (docs/PRODUCT.md): text plus icon, never colour alone. */
export function FollowUpFlags({ flags, now }: { flags: readonly FollowUpFlag[]; now: Date }) {
  const { t, locale } = useI18n();
  if (!flags.length) return null;
  return (
    <ul className="flags" aria-label={t('follow_ups')}>
      {flags.map((flag) => (
        <li key={flag.kind} className={`flag flag-${flag.kind}`}>
          <Icon name="clock" />{' '}
          {t(flag.kind === 're_escalate_l2' ? 'flag_re_escalate' : 'flag_unacknowledged', {
            time: formatDuration(now.getTime() - flag.since.getTime(), locale),
          })}
        </li>
      ))}
    </ul>
  );
}

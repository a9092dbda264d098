import { useI18n } from '../../shared/i18n';
import { Icon, type IconName } from '../../shared/Icon';

type Priority = 'P1' | 'P2' | 'P3' | null;

// State as text plus icon, never colour alone (docs/PRODUCT.md accessibility).
const ICONS: Record<string, IconName> = { P1: 'stop', P2: 'alert', P3: 'eye', none: 'check' };

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  const key = priority ?? 'none';
  const text = priority ?? t('no_priority');
  return (
    <span className={`badge badge-${key.toLowerCase()}`} data-priority={key}>
      <Icon name={ICONS[key] ?? 'check'} />
      <span>{text}</span>
    </span>
  );
}

import { useI18n } from './i18n';

type Priority = 'P1' | 'P2' | 'P3' | null;

// State as text plus icon, never colour alone (PRODUCT.md accessibility).
const ICONS: Record<string, string> = { P1: '⛔', P2: '⚠️', P3: '🔎', none: '✓' };

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  const key = priority ?? 'none';
  const text = priority ?? t('no_priority');
  return (
    <span className={`badge badge-${key.toLowerCase()}`} data-priority={key}>
      <span aria-hidden="true" className="badge-icon">
        {ICONS[key]}
      </span>
      <span>{text}</span>
    </span>
  );
}

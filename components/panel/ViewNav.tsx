import { useI18n } from '../shared/i18n';

export type PanelView = 'triage' | 'log';

const VIEWS: readonly PanelView[] = ['triage', 'log'];

/** Switches the panel between triage (the default) and the decision log. */
export function ViewNav({ view, onChange }: { view: PanelView; onChange: (v: PanelView) => void }) {
  const { t } = useI18n();
  return (
    <nav className="view-nav" aria-label={t('view_nav')}>
      {VIEWS.map((v) => (
        <button key={v} type="button" aria-pressed={view === v} onClick={() => onChange(v)}>
          {t(v === 'triage' ? 'view_triage' : 'view_log')}
        </button>
      ))}
    </nav>
  );
}

import { useId, useState } from 'react';
import { mockModeAllowed, updateSettings, type Settings } from '../../lib/settings/settings';
import { useManagedSettings, useSettings } from './hooks';
import { useI18n } from './i18n';
import './mock-mode.css';

// The mock mode switch and banner, light enough for the options page (the panel's part is
// MockMode.tsx).

export async function saveSetting(patch: Partial<Settings>) {
  await updateSettings(patch); // onto the user's own settings: managed ones stay with policy
}

/** A setting a control changes at once: shows the new value while storage catches up. */
export function useSetting<K extends keyof Settings>(
  key: K,
): [Settings[K], (value: Settings[K]) => void] {
  const current = useSettings()[key];
  const [pending, setPending] = useState<{ value: Settings[K]; over: Settings[K] } | null>(null);
  const value = pending && pending.over === current ? pending.value : current;
  const set = (next: Settings[K]) => {
    setPending({ value: next, over: current });
    void saveSetting({ [key]: next });
  };
  return [value, set];
}

/** Cannot be missed, cannot be dismissed: shown whenever mock mode is on. */
export function MockBanner() {
  const { t } = useI18n();
  return (
    <div role="status" className="mock-banner">
      <span aria-hidden="true" className="mock-banner-icon">
        ⚠
      </span>
      <p>
        <strong>{t('mock_banner')}</strong> <span>{t('mock_banner_detail')}</span>
      </p>
    </div>
  );
}

/** Takes effect at once, like any switch. Absent when policy does not allow mock mode. */
export function MockModeSwitch() {
  const { t } = useI18n();
  const [on, setOn] = useSetting('mockMode');
  const id = useId();
  const allowed = mockModeAllowed(useManagedSettings());
  if (!allowed) return null;
  return (
    <div className="mock-switch">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={on}
        onChange={(e) => setOn(e.target.checked)}
      />
      <label htmlFor={id}>{t('mock_mode')}</label>
    </div>
  );
}

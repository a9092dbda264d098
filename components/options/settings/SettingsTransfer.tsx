import { useId, useRef, useState } from 'react';
import type { MessageKey } from '../../../lib/i18n/core';
import {
  getLocalSettings,
  getManagedSettings,
  templatesItem,
  updateSettings,
} from '../../../lib/settings/settings';
import {
  buildSettingsFile,
  parseSettingsFile,
  planImport,
  settingsFileName,
  SETTINGS_FILE_MAX_BYTES,
} from '../../../lib/settings/transfer';
import { normaliseLibrary } from '../../../lib/sop/templates/library';
import { useI18n } from '../../shared/i18n';

// Settings export (a JSON download, never a credential) and import (a file, checked with zod,
// applied only when the whole file is valid). Import does not sign in: the next Save does,
// inside its click, as the origin permission needs.

const FIELD_LABEL: Record<string, MessageKey> = {
  chatwootUrl: 'opt_url',
  slaMinutes: 'opt_sla',
  slaClock: 'opt_sla_clock',
  mockMode: 'mock_mode',
};

type Part = [MessageKey, Record<string, string | number>?];
interface Message {
  parts: Part[];
  error: boolean;
}

export function SettingsTransfer(props: { onImported: () => void }) {
  const { t } = useI18n();
  // Kept as keys, not words: an import may switch the page's language under the message.
  const [message, setMessage] = useState<Message | null>(null);
  const say = (m: Message | null) => (m ? m.parts.map(([k, v]) => t(k, v)).join(' ') : '');
  const [file, setFile] = useState<File | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const fileId = useId();

  async function exportSettings() {
    const now = new Date();
    // Local settings: a policy's values belong to the policy, not to the file. A library set by
    // policy is left out: the user's own one is not what they see, the policy's is not theirs.
    const managedTemplates = (await getManagedSettings()).templates !== undefined;
    const content = buildSettingsFile(
      await getLocalSettings(),
      managedTemplates ? undefined : await templatesItem.getValue(),
      now,
    );
    const name = settingsFileName(now);
    const blob = new Blob([`${JSON.stringify(content, null, 2)}\n`], {
      type: 'application/json',
    });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setMessage({
      parts: [
        ['opt_exported', { file: name }],
        ...(managedTemplates ? [['opt_export_no_templates'] as Part] : []),
      ],
      error: false,
    });
  }

  async function importSettings() {
    if (!file) {
      setMessage({ parts: [['opt_import_choose']], error: true });
      input.current?.focus();
      return;
    }
    const name = file.name;
    const parsed =
      file.size > SETTINGS_FILE_MAX_BYTES
        ? ({ ok: false, problem: 'too_big' } as const)
        : parseSettingsFile(await file.text());
    if (!parsed.ok) {
      const part: Part =
        parsed.problem === 'too_big'
          ? ['opt_import_too_big', { file: name }]
          : parsed.problem === 'not_json'
            ? ['opt_import_not_json', { file: name, detail: parsed.detail }]
            : ['opt_import_invalid', { file: name, detail: parsed.detail }];
      setMessage({ parts: [part], error: true });
      return;
    }
    const plan = planImport(parsed.file, await getManagedSettings());
    await updateSettings(plan.patch);
    if (plan.templates !== undefined) {
      await templatesItem.setValue(
        plan.templates === null ? null : normaliseLibrary(plan.templates),
      );
    }
    const locked = plan.lockedKeys.map((k) => t(FIELD_LABEL[k] ?? 'settings')).join(', ');
    setMessage({
      parts: [
        ['opt_imported', { file: name }],
        ...(locked ? [['opt_import_locked', { fields: locked }] as Part] : []),
        ...(plan.templatesManaged ? [['opt_import_templates_managed'] as Part] : []),
      ],
      error: false,
    });
    setFile(null);
    if (input.current) input.current.value = '';
    props.onImported();
  }

  return (
    <section className="transfer" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('opt_transfer')}</h2>
      <p className="hint">{t('opt_transfer_hint')}</p>
      <div className="transfer-row">
        <button type="button" onClick={() => void exportSettings()}>
          {t('opt_export')}
        </button>
      </div>
      <div className="field">
        <label htmlFor={fileId}>{t('opt_import_file')}</label>
        <input
          ref={input}
          id={fileId}
          type="file"
          accept="application/json,.json"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <div className="transfer-row">
        <button type="button" onClick={() => void importSettings()}>
          {t('opt_import')}
        </button>
      </div>
      <div aria-live="polite">
        {message && !message.error && <p className="notice notice-ok">{say(message)}</p>}
      </div>
      {message?.error && (
        <p role="alert" className="notice notice-error">
          {say(message)}
        </p>
      )}
    </section>
  );
}

import { useId } from 'react';
import { FRENCH_BUILT_INS, type LibraryTemplate } from '../../../lib/sop/templates/library';
import { isTemplateId } from '../../../lib/sop/templates/templates';
import { useI18n } from '../../shared/i18n';

/** One template of the library's list: its text, where it comes from, its cue words. */
export function TemplateItem(props: {
  template: LibraryTemplate;
  locked: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useI18n();
  const { template } = props;
  const titleId = useId();
  const origin = template.builtIn
    ? t('tpl_builtin')
    : template.source
      ? t('tpl_from_chatwoot', { code: template.source.shortCode })
      : t('tpl_team');
  const cues = template.builtIn
    ? t('tpl_cues_list', { cues: [t('tpl_builtin_rules'), ...template.cues].join(', ') })
    : template.cues.length
      ? t('tpl_cues_list', { cues: template.cues.join(', ') })
      : t('tpl_no_cues');
  const untouchedFrench =
    template.builtIn &&
    template.language === 'fr' &&
    isTemplateId(template.id) &&
    template.body === FRENCH_BUILT_INS[template.id].body;
  return (
    <li className="tpl-item" aria-labelledby={titleId}>
      <h3 id={titleId} className="tpl-name">
        {template.label}
      </h3>
      <p className="tpl-meta">
        {t(`tpl_lang_${template.language}`)} · {origin}
      </p>
      <p className="tpl-body">{template.body}</p>
      <p className="tpl-cues">{cues}</p>
      {untouchedFrench && <p className="hint">{t('tpl_fr_check')}</p>}
      <div className="tpl-item-actions">
        <button type="button" disabled={props.locked} onClick={props.onEdit}>
          {t('tpl_edit')}
        </button>
        {!template.builtIn && (
          <button type="button" disabled={props.locked} onClick={props.onDelete}>
            {t('tpl_delete')}
          </button>
        )}
      </div>
    </li>
  );
}

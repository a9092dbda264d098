import { useId, useState } from 'react';
import type { LibrarySuggestion as Suggestion } from '../../../lib/sop/templates/library';
import type { Translate } from '../../../lib/i18n/core';
import { useI18n } from '../../shared/i18n';

/** The suggested reply as text, editable on request, with the cue that chose it (SOP-CX-002). */
export function SuggestedReply(props: {
  suggestion: Suggestion | null;
  reply: string;
  onReplyChange: (text: string) => void;
  noSuggestionWhy: string | null;
  /** The reply holds Chatwoot's AI draft (components/panel/conversation/AiDraft.tsx), not the template. */
  aiInUse?: boolean;
  /** To say whether the cue was in the latest customer message or an earlier one. */
  latestCustomerMessageId?: number | null;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const headingId = useId();
  const textId = useId();
  return (
    <section className="card suggestion" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        <span className="sr-only">{t('suggested_reply')}</span>
        <span aria-hidden="true">{t('suggestion')}</span>
      </h2>
      {props.suggestion ? (
        <>
          {editing ? (
            <>
              <label htmlFor={textId}>{t('reply_text')}</label>
              <textarea
                id={textId}
                className="reply"
                value={props.reply}
                onChange={(e) => props.onReplyChange(e.target.value)}
                rows={5}
                autoFocus
              />
            </>
          ) : (
            <p className="reply-text">{props.reply}</p>
          )}
          {props.aiInUse ? (
            <p className="cue ai-source">{t('ai_in_use')}</p>
          ) : (
            <p className="cue">
              {t('cue', {
                cue: cueWords(t, props.suggestion, props.latestCustomerMessageId ?? null),
              })}
            </p>
          )}
          {!editing && (
            <button type="button" className="secondary" onClick={() => setEditing(true)}>
              {t('edit')}
            </button>
          )}
        </>
      ) : (
        <p className="no-suggestion">{t('no_suggestion', { why: props.noSuggestionWhy ?? '' })}</p>
      )}
    </section>
  );
}

/** The reason, in the panel's language (the rules word it in English for the log). */
function cueWords(t: Translate, s: Suggestion, latestId: number | null): string {
  const where = t(
    s.messageId !== null && s.messageId === latestId ? 'cue_where_latest' : 'cue_where_earlier',
  );
  const kind = t(s.builtIn.templateId === 'refund_offer' ? 'cue_kind_refund' : 'cue_kind_ship');
  switch (s.reason) {
    case 'team_cue':
      return t('cue_team', { words: s.matchedText ?? '', where, label: s.template.label });
    case 'cue':
      return t('cue_builtin', { kind, words: s.matchedText ?? '', where });
    case 'label':
      return t('cue_label', { kind, label: s.label ?? s.matchedText ?? '' });
    default:
      return t('cue_default');
  }
}

import type { WireMessage } from '../../../lib/chatwoot/schemas';
import type { LiveMode } from '../../../lib/messages';
import { isAgentReply, isCustomerMessage } from '../../../lib/sop/wire';
import { useI18n } from '../../shared/i18n';

/** Quietly says how the view stays current: "Live" or "Updates every 15 s" (issue 17). */
export function LiveStatus({
  mode,
  polling,
}: {
  mode: LiveMode;
  polling: 'conversation' | 'queue';
}) {
  const { t } = useI18n();
  if (mode !== 'live' && mode !== 'polling') return null;
  const text =
    mode === 'live' ? t('live_on') : t(polling === 'queue' ? 'live_polling_queue' : 'live_polling');
  return (
    <p className="live-status hint" data-live={mode} role="status">
      {text}
    </p>
  );
}

/** The last thing the customer saw or wrote, so a change made elsewhere shows at once. */
export function LatestMessage({ messages }: { messages: readonly WireMessage[] }) {
  const { t } = useI18n();
  const last = messages.findLast((m) => (isCustomerMessage(m) || isAgentReply(m)) && !!m.content);
  if (!last) return null;
  const text = (last.content ?? '').slice(0, 280);
  return (
    <p className="latest-message" data-message-id={last.id}>
      {isCustomerMessage(last)
        ? t('latest_from_customer', { text })
        : t('latest_from_agent', { agent: last.sender?.name ?? '—', text })}
    </p>
  );
}

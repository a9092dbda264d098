import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { localDayStart, toDateInputValue } from '../../../lib/decisions/log-filter';
import { countDecisions } from '../../../lib/decisions/counts';
import { defaultCsvDelimiter } from '../../../lib/decisions/csv';
import { send } from '../../../lib/platform/messaging';
import { Dialog } from '../Dialog';
import { ExportStatus } from './ExportStatus';
import { useI18n } from '../i18n';
import { LOG_KEY, logDb } from './logQueries';
import { useCsvExport } from './useCsvExport';

/**
 * Never deletes what was decided after the export started: the cut-off is the chosen day or
 * a second before the export, whichever is earlier (a decision is committed within
 * milliseconds of its timestamp, so every row before the cut-off is already in the file).
 */
const EXPORT_MARGIN_MS = 1_000;

function cutOff(day: Date, now: Date): Date {
  return new Date(Math.min(day.getTime(), now.getTime() - EXPORT_MARGIN_MS));
}

/** Retention: everything is kept, unless a lead deletes what is older than a chosen day. */
export function Retention() {
  const { t } = useI18n();
  const inputId = useId();
  const [day, setDay] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [outcome, setOutcome] = useState('');
  // Up to tomorrow: "before tomorrow" is everything decided so far.
  const latest = toDateInputValue(tomorrow());
  const before = day <= latest ? localDayStart(day) : null;
  return (
    <section className="card" aria-labelledby="retention-title">
      <h2 id="retention-title">{t('retention_title')}</h2>
      <p className="hint">{t('retention_text')}</p>
      <div className="field">
        <label htmlFor={inputId}>{t('purge_before')}</label>
        <input
          id={inputId}
          type="date"
          max={latest}
          value={day}
          onChange={(e) => setDay(e.target.value)}
        />
      </div>
      <button
        type="button"
        disabled={!before}
        onClick={() => {
          setOutcome('');
          setConfirming(true);
        }}
      >
        {t('purge_open')}
      </button>
      <p role="status" className="export-outcome">
        {outcome}
      </p>
      {confirming && before && (
        <PurgeDialog
          before={before}
          onClose={(message) => {
            setConfirming(false);
            setOutcome(message);
          }}
        />
      )}
    </section>
  );
}

/** Count, explicit acknowledgement, export, and only then the delete (by the background). */
function PurgeDialog(props: { before: Date; onClose: (outcome: string) => void }) {
  const { before } = props;
  const { t, locale } = useI18n();
  // Closing can be asked twice (a button, then the native close event): report once.
  const closed = useRef(false);
  const onClose = (outcome: string) => {
    if (closed.current) return;
    closed.current = true;
    props.onClose(outcome);
  };
  const queryClient = useQueryClient();
  const ackId = useId();
  const [ack, setAck] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const exporter = useCsvExport();
  const count = useQuery({
    queryKey: [LOG_KEY, 'purge-count', before.getTime()],
    queryFn: () => countDecisions(logDb(), { to: cutOff(before, new Date()) }),
  });
  const n = (x: number) => new Intl.NumberFormat(locale).format(x);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(before);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    const to = cutOff(before, new Date());
    const exported = await exporter.run({ to }, undefined, defaultCsvDelimiter(locale));
    if (!exported.ok) {
      setBusy(false); // failure is shown by ExportStatus; nothing was deleted
      if (exported.cancelled) onClose(t('purge_cancelled'));
      return;
    }
    try {
      const { deleted } = await send('decisions/purge', { before: to.toISOString() });
      await queryClient.invalidateQueries({ queryKey: [LOG_KEY] });
      onClose(t('purge_done', { n: n(deleted), file: exported.fileName }));
    } catch (e) {
      setError(t('purge_failed', { detail: e instanceof Error ? e.message : String(e) }));
      setBusy(false);
    }
  };

  const cancel = () => {
    const running = exporter.state.phase === 'running';
    exporter.cancel();
    onClose(running ? t('purge_cancelled') : '');
  };

  return (
    <Dialog
      title={t('purge_title', { date })}
      onClose={cancel}
      actions={
        <>
          <button
            type="button"
            className="primary danger"
            disabled={!ack || busy || !count.data}
            onClick={() => void confirm()}
          >
            {t('purge_confirm')}
          </button>
          <button type="button" onClick={cancel}>
            {t('cancel')}
          </button>
        </>
      }
    >
      <div aria-busy={count.isPending}>
        {count.isPending && <p>{t('purge_counting')}</p>}
        {count.isError && (
          <p className="notice notice-error">{t('log_error', { detail: count.error.message })}</p>
        )}
        {count.data === 0 && <p>{t('purge_none', { date })}</p>}
        {!!count.data && (
          <>
            <p>{t('purge_body', { n: n(count.data) })}</p>
            <p className="hint">{t('purge_kept')}</p>
            <label className="radio" htmlFor={ackId}>
              <input
                id={ackId}
                type="checkbox"
                checked={ack}
                disabled={busy}
                onChange={(e) => setAck(e.target.checked)}
              />
              {t('purge_ack')}
            </label>
          </>
        )}
      </div>
      <ExportStatus state={exporter.state} />
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}

function tomorrow(): Date {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  return d;
}

import type { Locale } from './words';

// Durations and clock times in the user's language, through Intl (pure: `now` is passed in).
// Each formatter is built once per locale and options: building one costs far more than using
// it, and a conversation switch formats a dozen durations (issue 21).

const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/**
 * "45 min", "2 hr 59 min", "3 days 4 hr": two units from two hours on, so a breach of
 * 2 h 59 min never reads as "2 h" beside a P1 badge. Minutes round down (a breach 59.9 min
 * old is "59 min"), the larger units are exact counts of the smaller.
 */
export function formatDuration(ms: number, locale: Locale): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const unit = (value: number, name: 'minute' | 'hour' | 'day') =>
    cached(
      `unit|${locale}|${name}`,
      () => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }),
    ).format(value);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest ? `${unit(hours, 'hour')} ${unit(rest, 'minute')}` : unit(hours, 'hour');
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${unit(days, 'day')} ${unit(rest, 'hour')}` : unit(days, 'day');
}

export function formatClockTime(date: Date, now: Date, locale: Locale, timeZone?: string): string {
  const sameDay = date.toDateString() === now.toDateString();
  return cached(
    `clock|${locale}|${sameDay}|${timeZone ?? ''}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        hour: '2-digit',
        minute: '2-digit',
        ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
        timeZone,
      }),
  ).format(date);
}

export function fromEpochSeconds(seconds: number | null | undefined): Date | null {
  return seconds ? new Date(seconds * 1000) : null; // Chatwoot's `0` means "never"
}

import type { Locale } from './words';

// Durations and clock times in the user's language, through Intl (pure: `now` is passed in).

export function formatDuration(ms: number, locale: Locale): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const [value, unit] =
    minutes < 60
      ? [minutes, 'minute']
      : minutes < 48 * 60
        ? [Math.floor(minutes / 60), 'hour']
        : [Math.floor(minutes / 1440), 'day'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
}

export function formatClockTime(date: Date, now: Date, locale: Locale, timeZone?: string): string {
  const sameDay = date.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
    timeZone,
  }).format(date);
}

export function fromEpochSeconds(seconds: number | null | undefined): Date | null {
  return seconds ? new Date(seconds * 1000) : null; // Chatwoot's `0` means "never"
}

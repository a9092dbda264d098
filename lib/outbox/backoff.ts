// Retry delay for the outbox. Pure: the caller passes the random draw.

export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/**
 * Exponential backoff with full jitter (AWS "Exponential Backoff And Jitter"): a uniform
 * draw in [0, min(cap, base·2^(attempt−1))). Full jitter spreads retries from several
 * panels/workers hitting the same Chatwoot instance after an outage.
 *
 * @param attempt failed attempts so far, from 1 (values below 1 count as 1)
 * @param random a draw in [0, 1), e.g. Math.random(); clamped into that range
 * @returns whole milliseconds
 */
export function backoffDelay(attempt: number, random: number): number {
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : attempt > 0 ? 64 : 1;
  // 2^(n−1) overflows to Infinity for huge n; min() then picks the cap.
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (n - 1));
  const r = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1) : 0;
  // r = 1 is outside the contract; keep the result strictly below the ceiling anyway.
  return Math.min(Math.floor(r * ceiling), ceiling - 1);
}

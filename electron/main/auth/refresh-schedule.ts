/**
 * When to refresh an access token, and how long to wait after a failed try.
 *
 * Refresh ahead of expiry by `skewMs`, but never later than half of the remaining lifetime, so a
 * short-lived token (or a clock that jumped) still gets refreshed in time. A token shorter than
 * the skew is refreshed at half its life, not at once: "at once" would refresh in a loop.
 */
export const MIN_REFRESH_DELAY_MS = 1_000;

export function refreshDelay(expiresAt: number, now: number, skewMs: number): number {
  const remaining = expiresAt - now;
  if (remaining <= 0) return 0;
  const ahead = remaining - skewMs;
  const delay = ahead > 0 ? Math.min(ahead, remaining / 2) : remaining / 2;
  return Math.max(delay, Math.min(MIN_REFRESH_DELAY_MS, remaining));
}

/** Exponential backoff: base, 2×base, 4×base… capped at `maxMs`. */
export function retryDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
}

/** setTimeout overflows past 2^31-1 ms; long waits are re-armed instead. */
export const MAX_TIMER_MS = 24 * 3600_000;

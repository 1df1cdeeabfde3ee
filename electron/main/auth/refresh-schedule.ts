/**
 * When to refresh an access token, and how long to wait after a failed try.
 *
 * Refresh ahead of expiry by `skewMs`, but never later than half of the remaining lifetime, so a
 * short-lived token (or a clock that jumped) still gets refreshed in time.
 */
export function refreshDelay(expiresAt: number, now: number, skewMs: number): number {
  const remaining = expiresAt - now;
  if (remaining <= 0) return 0;
  return Math.max(0, Math.min(remaining - skewMs, remaining / 2));
}

/** Exponential backoff: base, 2×base, 4×base… capped at `maxMs`. */
export function retryDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
}

/** setTimeout overflows past 2^31-1 ms; long waits are re-armed instead. */
export const MAX_TIMER_MS = 24 * 3600_000;

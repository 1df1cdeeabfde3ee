/**
 * A short, local time for an expiry, e.g. "4:05 PM" or "Tue, Jan 6, 4:05 PM".
 *
 * Today's times show just the time; other days add the date so "4:05 PM" is never ambiguous.
 * `now` is a parameter so the result is pure and testable.
 */
export function formatExpiry(expiresAt: number, now: number, locale?: string): string {
  const when = new Date(expiresAt);
  const sameDay = new Date(now).toDateString() === when.toDateString();
  const format = new Intl.DateTimeFormat(
    locale,
    sameDay
      ? { hour: 'numeric', minute: '2-digit' }
      : { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  );
  return format.format(when);
}

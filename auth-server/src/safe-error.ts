/** Anything that looks like a token: a JWT or a long base64url run. */
const TOKEN_LIKE = /[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+|[A-Za-z0-9_-]{32,}/g;

/**
 * Describe an error for logs without leaking secrets.
 *
 * Tokens must never reach stdout/stderr (OWASP ASVS 7.1.1, no credentials in logs); handlers
 * never put them in messages, and this masks anything token-shaped in case a library does.
 */
export function describeError(error: unknown): string {
  const text =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : `non-error thrown (${typeof error})`;
  return text.replace(TOKEN_LIKE, '[redacted]');
}

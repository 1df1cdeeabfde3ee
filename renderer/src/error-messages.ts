import type { ErrorCode } from '../../shared/errors';

/**
 * Plain words for each error code.
 *
 * Main sends codes, never text; this is the one place that turns them into sentences, so every
 * screen says the same thing for the same failure. A `Record` over `ErrorCode` makes a new code
 * a compile error here until it has words.
 */
const messages: Record<ErrorCode, string> = {
  invalid_credentials: 'Wrong email or password.',
  rate_limited: 'Too many attempts. Try again in a moment.',
  offline: "Can't reach the server. Check your connection and try again.",
  server_error: 'The server had a problem. Try again in a moment.',
  bad_response: "The server sent an answer Tessera couldn't understand. Try again later.",
  invalid_request: 'Check your email and password and try again.',
  storage_failed: 'Something went wrong in Tessera. Try again.',
  internal: 'Something went wrong in Tessera. Try again.',
  forbidden_sender: 'Something went wrong in Tessera. Try again.',
};

/** The sentence for an error code (for `rate_limited` without a known wait). */
export function errorMessage(code: ErrorCode): string {
  return messages[code];
}

/**
 * The rate-limit sentence with the wait in whole seconds.
 *
 * Falls back to the vague wording when the server gave no usable wait.
 */
export function rateLimitedMessage(secondsLeft: number | undefined): string {
  if (secondsLeft === undefined || secondsLeft <= 0) return messages.rate_limited;
  const unit = secondsLeft === 1 ? 'second' : 'seconds';
  return `Too many attempts. Try again in ${secondsLeft} ${unit}.`;
}

/** What the sign-in screen says once a rate-limit wait is over. */
export const rateLimitOverMessage = 'You can try signing in again now.';

/**
 * Error codes a renderer can receive.
 *
 * Expected failures travel as values (`{ ok: false, code }`); these are the only codes. The
 * renderer turns each into plain words; nothing here carries server text or secrets.
 */
export const errorCodes = [
  /** Wrong email or password (also for an unknown email: the server doesn't say which). */
  'invalid_credentials',
  /** Too many attempts; `retryAfterSeconds` says when to try again. */
  'rate_limited',
  /** The auth server could not be reached (down, no network, timed out). */
  'offline',
  /** The auth server answered with an error of its own (5xx). */
  'server_error',
  /** The auth server answered something we could not accept (malformed, missing fields, redirect). */
  'bad_response',
  /** The IPC payload did not match the contract. */
  'invalid_request',
  /** The IPC call came from a frame that is not our own page. */
  'forbidden_sender',
  /** The session could not be written to disk; it is kept in memory for this run. */
  'storage_failed',
  /** A bug in main; logged there without secrets. */
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Limits for failed sign-ins per email. */
export interface RateLimitOptions {
  /** Failures within the window that lock the email. */
  maxFailures: number;
  /** Sliding window in which failures are counted, seconds. */
  windowSeconds: number;
  /** How long the email stays locked once the limit is hit, seconds. */
  lockoutSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = {
  maxFailures: 5,
  windowSeconds: 900,
  lockoutSeconds: 900,
};

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  /** Start times (epoch ms) of attempts not yet known to have succeeded, inside the window. */
  attempts: number[];
  /** Epoch ms until which the key is locked; 0 when not locked. */
  lockedUntil: number;
}

/** Above this many tracked keys, stale ones are dropped on the next attempt. */
const MAX_TRACKED_KEYS = 10_000;

/**
 * Per-account throttling of password guesses.
 *
 * OWASP ASVS 2.2.1 / Authentication Cheat Sheet "account lockout": after `maxFailures` failed
 * attempts for one email within `windowSeconds`, further attempts are refused for
 * `lockoutSeconds`, even with the right password. Unknown emails are throttled the same way, so
 * a 429 does not reveal whether an account exists.
 *
 * Each attempt counts as a failure from the moment it is admitted and is forgiven only when it
 * succeeds ({@link succeeded}); a burst of parallel guesses therefore cannot slip past the limit
 * while their password hashes are still being computed.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #options: RateLimitOptions;

  constructor(options: RateLimitOptions = DEFAULT_RATE_LIMIT) {
    for (const [name, value] of Object.entries(options)) {
      if (!Number.isSafeInteger(value) || value < 1) {
        throw new RangeError(`rateLimit.${name} must be a positive integer`);
      }
    }
    this.#options = { ...options };
  }

  /**
   * Decide whether an attempt for `key` may proceed, and count it.
   *
   * Refused attempts are not counted, so a locked account unlocks on schedule however often it
   * is hammered.
   */
  admit(key: string, now: number): Admission {
    const bucket = this.#buckets.get(key);
    if (bucket && bucket.lockedUntil > now) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((bucket.lockedUntil - now) / 1000)) };
    }
    if (!bucket) this.#sweepIfFull(now);
    const current = bucket && bucket.lockedUntil === 0 ? bucket : { attempts: [], lockedUntil: 0 };
    const windowStart = now - this.#options.windowSeconds * 1000;
    current.attempts = current.attempts.filter((time) => time > windowStart);
    current.attempts.push(now);
    if (current.attempts.length >= this.#options.maxFailures) {
      current.attempts = [];
      current.lockedUntil = now + this.#options.lockoutSeconds * 1000;
    }
    this.#buckets.set(key, current);
    return { allowed: true };
  }

  /** A correct sign-in: forget the key's failures (and any lock it set). */
  succeeded(key: string): void {
    this.#buckets.delete(key);
  }

  /** Number of keys tracked (for tests). */
  get size(): number {
    return this.#buckets.size;
  }

  /** Bound memory: drop keys that are neither locked nor have attempts inside the window. */
  #sweepIfFull(now: number): void {
    if (this.#buckets.size < MAX_TRACKED_KEYS) return;
    const windowStart = now - this.#options.windowSeconds * 1000;
    for (const [key, bucket] of this.#buckets) {
      const stale = bucket.lockedUntil <= now && bucket.attempts.every((time) => time <= windowStart);
      if (stale) this.#buckets.delete(key);
    }
  }
}

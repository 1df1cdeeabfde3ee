import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter';

const options = { maxFailures: 3, windowSeconds: 60, lockoutSeconds: 300 };
const T0 = 1_000_000;

describe('RateLimiter', () => {
  it('admits up to the limit, then refuses with the time left, then lifts', () => {
    const limiter = new RateLimiter(options);
    expect(limiter.admit('a', T0)).toEqual({ allowed: true });
    expect(limiter.admit('a', T0 + 1000)).toEqual({ allowed: true });
    expect(limiter.admit('a', T0 + 2000)).toEqual({ allowed: true }); // the one that hits the limit
    expect(limiter.admit('a', T0 + 2000)).toEqual({ allowed: false, retryAfterSeconds: 300 });
    expect(limiter.admit('a', T0 + 2000 + 299_500)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.admit('a', T0 + 2000 + 300_000)).toEqual({ allowed: true });
    // A fresh count after the lockout: two more attempts still pass.
    expect(limiter.admit('a', T0 + 2000 + 300_001)).toEqual({ allowed: true });
  });

  it('does not extend the lockout for refused attempts', () => {
    const limiter = new RateLimiter(options);
    for (let i = 0; i < 3; i += 1) limiter.admit('a', T0);
    for (let i = 0; i < 50; i += 1) limiter.admit('a', T0 + 1000);
    expect(limiter.admit('a', T0 + 300_000).allowed).toBe(true);
  });

  it('slides the window and keeps keys apart', () => {
    const limiter = new RateLimiter(options);
    limiter.admit('a', T0);
    limiter.admit('a', T0 + 1000);
    limiter.admit('b', T0 + 1000);
    expect(limiter.admit('a', T0 + 60_500)).toEqual({ allowed: true }); // the first fell out
    expect(limiter.admit('a', T0 + 60_600)).toEqual({ allowed: true }); // hits the limit
    expect(limiter.admit('a', T0 + 62_000).allowed).toBe(false);
    expect(limiter.admit('b', T0 + 62_000)).toEqual({ allowed: true });
  });

  it('forgets a key on success', () => {
    const limiter = new RateLimiter(options);
    limiter.admit('a', T0);
    limiter.admit('a', T0);
    limiter.succeeded('a');
    expect(limiter.size).toBe(0);
    limiter.admit('a', T0);
    expect(limiter.admit('a', T0)).toEqual({ allowed: true });
  });

  it('rejects nonsensical limits', () => {
    expect(() => new RateLimiter({ ...options, windowSeconds: 0 })).toThrow(/windowSeconds/);
    expect(() => new RateLimiter({ ...options, lockoutSeconds: Number.NaN })).toThrow(/lockoutSeconds/);
  });
});

import { describe, expect, it } from 'vitest';
import { hashToken, newRefreshToken, TokenStore } from './token-store';
import { testClock } from './test-support';

const DAY = 86_400_000;

function store(refreshTtlSeconds = 30 * 86_400) {
  const clock = testClock();
  return { clock, tokens: new TokenStore({ refreshTtlSeconds, now: clock.now }) };
}

describe('refresh tokens', () => {
  it('are 32 random bytes in base64url, stored only as SHA-256 hashes', () => {
    const token = newRefreshToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newRefreshToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashToken(token)).not.toBe(token);
  });
});

describe('TokenStore', () => {
  it('rotates within a family and refuses the retired token as reuse', () => {
    const { tokens } = store();
    const { family, refreshToken } = tokens.startFamily('usr_1');
    const rotated = tokens.rotate(refreshToken);
    if (!rotated.ok) throw new Error('rotation failed');
    expect(rotated.family.id).toBe(family.id);
    expect(rotated.refreshToken).not.toBe(refreshToken);

    expect(tokens.rotate(refreshToken)).toEqual({ ok: false, reason: 'reused' });
    expect(tokens.rotate(rotated.refreshToken)).toEqual({ ok: false, reason: 'revoked' });
    expect(tokens.activeFamily(family.id)).toBeUndefined();
  });

  it('keeps the family expiry fixed at sign-in', () => {
    const { clock, tokens } = store(10 * 86_400);
    const start = clock.now();
    let { refreshToken } = tokens.startFamily('usr_1');
    for (let day = 0; day < 9; day += 1) {
      clock.advance(DAY);
      const result = tokens.rotate(refreshToken);
      if (!result.ok) throw new Error(`rotation failed on day ${day}`);
      expect(result.family.expiresAt).toBe(start + 10 * DAY);
      refreshToken = result.refreshToken;
    }
    clock.advance(DAY);
    expect(tokens.rotate(refreshToken)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses unknown tokens', () => {
    const { tokens } = store();
    tokens.startFamily('usr_1');
    expect(tokens.rotate(newRefreshToken())).toEqual({ ok: false, reason: 'unknown' });
  });

  it('revokes by token and by user, leaving other users alone', () => {
    const { tokens } = store();
    const a1 = tokens.startFamily('usr_a');
    const a2 = tokens.startFamily('usr_a');
    const b = tokens.startFamily('usr_b');

    expect(tokens.revokeByToken(a1.refreshToken)).toBe(true);
    expect(tokens.revokeByToken(newRefreshToken())).toBe(false);
    expect(tokens.rotate(a1.refreshToken)).toEqual({ ok: false, reason: 'revoked' });

    expect(tokens.revokeUser('usr_a')).toBe(1);
    expect(tokens.activeFamily(a2.family.id)).toBeUndefined();
    expect(tokens.activeFamily(b.family.id)?.userId).toBe('usr_b');
    expect(tokens.rotate(b.refreshToken).ok).toBe(true);
  });

  it('forgets revoked and expired families over time', () => {
    const { clock, tokens } = store(3600);
    const revoked = tokens.startFamily('usr_1');
    tokens.revokeByToken(revoked.refreshToken);
    tokens.startFamily('usr_1'); // expires after an hour
    expect(tokens.familyCount).toBe(2);

    clock.advance(2 * 3600 * 1000);
    const fresh = tokens.startFamily('usr_1'); // triggers the sweep
    expect(tokens.familyCount).toBe(1);
    expect(tokens.rotate(revoked.refreshToken)).toEqual({ ok: false, reason: 'unknown' });
    expect(tokens.rotate(fresh.refreshToken).ok).toBe(true);
  });
});

import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AccessTokens } from './access-tokens';
import { jwtPayload, testClock } from './test-support';

const secret = new Uint8Array(32).fill(7);

describe('AccessTokens', () => {
  it('signs the expected claims and verifies them back', async () => {
    const clock = testClock();
    const tokens = new AccessTokens({ ttlSeconds: 900, now: clock.now, secret });
    const { token, expiresAt } = await tokens.issue({ userId: 'usr_1', familyId: 'fam_1', notAfter: Infinity });
    const nowSeconds = clock.now() / 1000;
    expect(expiresAt).toBe(clock.now() + 900_000);
    expect(jwtPayload(token)).toEqual({
      sub: 'usr_1',
      sid: 'fam_1',
      iss: 'tessera-dev-auth',
      aud: 'tessera',
      iat: nowSeconds,
      exp: nowSeconds + 900,
    });
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'at+jwt',
    });
    expect(await tokens.verify(token)).toEqual({ userId: 'usr_1', familyId: 'fam_1' });
  });

  it('caps the expiry at notAfter and expires on the server clock', async () => {
    const clock = testClock();
    const tokens = new AccessTokens({ ttlSeconds: 900, now: clock.now, secret });
    const { token, expiresAt } = await tokens.issue({
      userId: 'usr_1',
      familyId: 'fam_1',
      notAfter: clock.now() + 60_000,
    });
    expect(expiresAt).toBe(clock.now() + 60_000);
    clock.advance(59_000);
    expect(await tokens.verify(token)).not.toBeNull();
    clock.advance(1_000);
    expect(await tokens.verify(token)).toBeNull();
  });

  it('refuses a wrong audience, a wrong issuer, a missing sid and a missing typ', async () => {
    const clock = testClock();
    const tokens = new AccessTokens({ ttlSeconds: 900, now: clock.now, secret });
    const make = (claims: { iss?: string; aud?: string; sid?: string; typ?: string }) => {
      const jwt = new SignJWT(claims.sid === undefined ? {} : { sid: claims.sid })
        .setProtectedHeader(claims.typ === undefined ? { alg: 'HS256' } : { alg: 'HS256', typ: claims.typ })
        .setSubject('usr_1')
        .setIssuedAt(clock.now() / 1000)
        .setExpirationTime(clock.now() / 1000 + 60);
      if (claims.iss) jwt.setIssuer(claims.iss);
      if (claims.aud) jwt.setAudience(claims.aud);
      return jwt.sign(secret);
    };
    const good = { iss: 'tessera-dev-auth', aud: 'tessera', sid: 'fam_1', typ: 'at+jwt' };
    expect(await tokens.verify(await make(good))).not.toBeNull(); // control: the forge works
    expect(await tokens.verify(await make({ ...good, aud: 'other' }))).toBeNull();
    expect(await tokens.verify(await make({ ...good, iss: 'evil' }))).toBeNull();
    expect(await tokens.verify(await make({ ...good, sid: undefined }))).toBeNull();
    expect(await tokens.verify(await make({ ...good, typ: undefined }))).toBeNull();
  });
});

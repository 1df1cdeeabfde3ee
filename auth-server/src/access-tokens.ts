import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

export const ACCESS_TOKEN_ISSUER = 'tessera-dev-auth';
export const ACCESS_TOKEN_AUDIENCE = 'tessera';
/** JWT `typ` header for access tokens (RFC 9068 §2.1). */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
const ALGORITHM = 'HS256';

/** The claims the server relies on after verifying an access token. */
export interface AccessClaims {
  userId: string;
  familyId: string;
}

/**
 * Short-lived JWT access tokens (HS256).
 *
 * The signing secret is 32 random bytes made per server start and never leaves memory, so a
 * restart invalidates every access token (refresh tokens die with the in-memory store anyway).
 * Verification pins the algorithm, issuer, audience and `typ` (RFC 8725 §3.1, §3.11) so a token
 * minted for something else, or with `alg: none`, is refused.
 */
export class AccessTokens {
  readonly #secret: Uint8Array;
  readonly #ttlSeconds: number;
  readonly #now: () => number;

  constructor(options: { ttlSeconds: number; now: () => number; secret?: Uint8Array }) {
    this.#secret = options.secret ?? new Uint8Array(randomBytes(32));
    this.#ttlSeconds = options.ttlSeconds;
    this.#now = options.now;
  }

  /**
   * Sign an access token for a user in a token family.
   *
   * `notAfter` (epoch ms) caps the expiry at the family's absolute end, so no access token
   * outlives the sign-in it belongs to. Returns the expiry in epoch ms (whole seconds).
   */
  async issue(claims: AccessClaims & { notAfter: number }): Promise<{ token: string; expiresAt: number }> {
    const issuedAt = Math.floor(this.#now() / 1000);
    const expiry = Math.min(issuedAt + this.#ttlSeconds, Math.floor(claims.notAfter / 1000));
    const token = await new SignJWT({ sid: claims.familyId })
      .setProtectedHeader({ alg: ALGORITHM, typ: ACCESS_TOKEN_TYPE })
      .setSubject(claims.userId)
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiry)
      .sign(this.#secret);
    return { token, expiresAt: expiry * 1000 };
  }

  /**
   * Verify signature, `iss`, `aud`, `typ` and `exp` against the server clock.
   *
   * `null` for any token that fails (malformed, bad signature, expired, wrong claims); other
   * errors are bugs and propagate.
   */
  async verify(token: string): Promise<AccessClaims | null> {
    const currentDate = new Date(this.#now());
    try {
      const { payload } = await jwtVerify(token, this.#secret, {
        algorithms: [ALGORITHM],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        typ: ACCESS_TOKEN_TYPE,
        currentDate,
        requiredClaims: ['sub', 'sid', 'iat', 'exp'],
      });
      const { sub, sid } = payload;
      if (typeof sub !== 'string' || typeof sid !== 'string') return null;
      return { userId: sub, familyId: sid };
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }
}

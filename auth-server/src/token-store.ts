import { createHash, randomBytes } from 'node:crypto';

/**
 * One sign-in: every refresh token rotated out of the same login belongs to it.
 *
 * `expiresAt` is fixed when the family starts and never moves, so a sign-in has an absolute
 * lifetime however often it is refreshed (OWASP ASVS 10.4.8 / 3.3.x absolute session timeout).
 */
export interface TokenFamily {
  readonly id: string;
  readonly userId: string;
  /** Absolute end of the sign-in, epoch ms. */
  readonly expiresAt: number;
  revoked: boolean;
}

/** Why a refresh token was refused; all of them answer `invalid_grant` on the wire. */
export type RefusalReason = 'unknown' | 'expired' | 'revoked' | 'reused';

export type RotateResult =
  | { ok: true; family: TokenFamily; refreshToken: string }
  | { ok: false; reason: RefusalReason };

interface FamilyRecord extends TokenFamily {
  /** Hashes of every refresh token issued in this family, to forget them together. */
  tokenHashes: string[];
}

interface TokenRecord {
  familyId: string;
  /** Already exchanged for a newer token; presenting it again is reuse. */
  rotated: boolean;
}

/** How often expired and revoked families are dropped from memory. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * SHA-256 of a refresh token, the only form in which it is kept.
 *
 * Refresh tokens carry 256 random bits, so a fast unsalted hash is enough: a memory dump or log of
 * the store cannot be replayed (OWASP ASVS 3.5 / RFC 9700 §4.14 "refresh token protection").
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** A new opaque refresh token: 32 random bytes, base64url (43 characters). */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * In-memory refresh-token families with rotation and reuse detection.
 *
 * Implements RFC 9700 §4.14.2 (OAuth 2.0 Security BCP): each refresh hands out a new token and
 * retires the old one; if a retired token is presented again, someone holds a copy, so the whole
 * family is revoked and both the attacker and the legitimate client must sign in again.
 */
export class TokenStore {
  readonly #families = new Map<string, FamilyRecord>();
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #refreshTtlMs: number;
  readonly #now: () => number;
  #lastSweep: number;

  constructor(options: { refreshTtlSeconds: number; now: () => number }) {
    this.#refreshTtlMs = options.refreshTtlSeconds * 1000;
    this.#now = options.now;
    this.#lastSweep = options.now();
  }

  /** Start a sign-in for a user: a new family and its first refresh token. */
  startFamily(userId: string): { family: TokenFamily; refreshToken: string } {
    const now = this.#now();
    this.#sweepIfDue(now);
    const family: FamilyRecord = {
      id: `fam_${randomBytes(16).toString('base64url')}`,
      userId,
      expiresAt: now + this.#refreshTtlMs,
      revoked: false,
      tokenHashes: [],
    };
    this.#families.set(family.id, family);
    return { family, refreshToken: this.#issue(family) };
  }

  /**
   * Exchange a refresh token for a new one in the same family.
   *
   * The family's expiry is not extended (absolute lifetime). A token that was already rotated
   * revokes its family (RFC 9700 §4.14.2 reuse detection); there is no grace period, so clients
   * must not refresh concurrently.
   */
  rotate(refreshToken: string): RotateResult {
    const now = this.#now();
    const record = this.#tokens.get(hashToken(refreshToken));
    const family = record && this.#families.get(record.familyId);
    if (!record || !family) return { ok: false, reason: 'unknown' };
    if (family.revoked) return { ok: false, reason: 'revoked' };
    if (now >= family.expiresAt) return { ok: false, reason: 'expired' };
    if (record.rotated) {
      family.revoked = true;
      return { ok: false, reason: 'reused' };
    }
    record.rotated = true;
    return { ok: true, family, refreshToken: this.#issue(family) };
  }

  /** Revoke the family a refresh token belongs to (logout). False if the token is unknown. */
  revokeByToken(refreshToken: string): boolean {
    const record = this.#tokens.get(hashToken(refreshToken));
    const family = record && this.#families.get(record.familyId);
    if (!family) return false;
    family.revoked = true;
    return true;
  }

  /** Revoke every family of a user; returns how many were still active. */
  revokeUser(userId: string): number {
    let count = 0;
    for (const family of this.#families.values()) {
      if (family.userId === userId && !family.revoked) {
        family.revoked = true;
        count += 1;
      }
    }
    return count;
  }

  /**
   * The family if it is still usable (exists, not revoked, not past its absolute expiry).
   *
   * Access tokens carry their family id (`sid`) and are checked here, so revoking a sign-in ends
   * its access tokens at once instead of when they expire.
   */
  activeFamily(familyId: string): TokenFamily | undefined {
    const family = this.#families.get(familyId);
    if (!family || family.revoked || this.#now() >= family.expiresAt) return undefined;
    return family;
  }

  /** Number of families kept in memory (for tests and diagnostics). */
  get familyCount(): number {
    return this.#families.size;
  }

  #issue(family: FamilyRecord): string {
    const token = newRefreshToken();
    const hash = hashToken(token);
    this.#tokens.set(hash, { familyId: family.id, rotated: false });
    family.tokenHashes.push(hash);
    return token;
  }

  /**
   * Forget families that can never be used again, so memory stays bounded.
   *
   * A forgotten token answers `unknown` instead of `revoked`/`reused`; both are `invalid_grant`.
   */
  #sweepIfDue(now: number): void {
    if (now - this.#lastSweep < SWEEP_INTERVAL_MS) return;
    this.#lastSweep = now;
    for (const family of this.#families.values()) {
      if (family.revoked || now >= family.expiresAt) {
        for (const hash of family.tokenHashes) this.#tokens.delete(hash);
        this.#families.delete(family.id);
      }
    }
  }
}

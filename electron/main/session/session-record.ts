import { z } from 'zod';
import { userSchema } from '../../../shared/session-view';

/**
 * The session record: one versioned object, encrypted and written in one go.
 *
 * The seed wrote user id, access token, refresh token and expiry as four keys, so a crash between
 * writes could leave a session that mixes two sign-ins. One record can't be half-written.
 */
export const sessionRecordSchema = z.strictObject({
  v: z.literal(1),
  userId: z.string().min(1).max(200),
  user: userSchema,
  accessToken: z.string().min(1).max(8192),
  refreshToken: z.string().min(1).max(8192),
  /** Access-token expiry, epoch ms (already corrected for server clock skew). */
  expiresAt: z.number().int().positive(),
});

export type SessionRecord = z.infer<typeof sessionRecordSchema>;

/** Parses decrypted JSON; returns null for anything that is not a valid v1 record. */
export function parseSessionRecord(json: string): SessionRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = sessionRecordSchema.safeParse(value);
  return parsed.success && parsed.data.userId === parsed.data.user.id ? parsed.data : null;
}

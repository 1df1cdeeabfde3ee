import { z } from 'zod';

/**
 * What the renderer may know about the session.
 *
 * Deliberately has no token fields: tokens never leave the main process. `storage` tells the
 * renderer whether the session can be remembered securely, so it can show the storage notice.
 */
export const userSchema = z.strictObject({
  id: z.string().min(1).max(200),
  email: z.string().min(1).max(320),
  name: z.string().max(200),
});
export type User = z.infer<typeof userSchema>;

/**
 * How sessions are kept on this machine.
 *
 * - `secure`: encrypted by the OS keystore (Keychain, DPAPI, libsecret/kwallet).
 * - `weak`: the keystore is weak (Linux `basic_text`) or missing, so sessions stay in memory
 *   unless the user opted in (`weakAllowed`, only offered when some encryption exists).
 */
export const storageInfoSchema = z.strictObject({
  level: z.enum(['secure', 'weak', 'unavailable']),
  /** The keystore backend Electron reports (`basic_text`, `gnome_libsecret`, `dpapi`, …). */
  backend: z.string().max(100),
  /** The user chose to remember sessions with weak encryption anyway (revocable); only with `weak`. */
  weakAllowed: z.boolean(),
  /** Whether a session signed in now with "Keep me signed in" is written to disk. */
  canPersist: z.boolean(),
});
export type StorageInfo = z.infer<typeof storageInfoSchema>;

/** Why the user is signed out, so the screen can say so. */
export const signedOutReasonSchema = z.enum(['none', 'signed-out', 'expired', 'corrupt']);
export type SignedOutReason = z.infer<typeof signedOutReasonSchema>;

export const sessionViewSchema = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('signed-out'),
    reason: signedOutReasonSchema,
    storage: storageInfoSchema,
  }),
  z.strictObject({
    status: z.literal('signed-in'),
    user: userSchema,
    /** Access-token expiry, epoch ms. */
    expiresAt: z.number().int(),
    /**
     * Where this session lives: on disk (encrypted); in memory for this run (by choice or by the
     * storage policy); or `unsaved`: it should have been written but the data folder refused.
     */
    persistence: z.enum(['disk', 'memory', 'unsaved']),
    /** True while the auth server can't be reached; the session is kept. */
    offline: z.boolean(),
    storage: storageInfoSchema,
  }),
]);
export type SessionView = z.infer<typeof sessionViewSchema>;

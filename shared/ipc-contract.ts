import { z } from 'zod';
import type { InvokeKey } from './channels';
import { errorCodes } from './errors';
import { limits } from './limits';
import { sessionViewSchema } from './session-view';

/**
 * The IPC contract: one request and one response schema per invoke channel.
 *
 * Main parses every request with these before a handler runs (VS Code's validated IPC); the
 * preload API's types are derived from them, so a call site can't drift from the handler.
 */

export { limits };

export const failureSchema = z.strictObject({
  ok: z.literal(false),
  code: z.enum(errorCodes),
  /** Only with `rate_limited`. */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
});
export type Failure = z.infer<typeof failureSchema>;

const sessionResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), session: sessionViewSchema }),
  failureSchema,
]);
export type SessionResult = z.infer<typeof sessionResult>;

const noInput = z.undefined();

export const signInRequestSchema = z.strictObject({
  email: z.string().trim().min(3).max(limits.emailMax),
  password: z.string().min(1).max(limits.passwordMax),
  /** "Keep me signed in": off ⇒ the session lives in memory for this run only. */
  remember: z.boolean(),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const contract = {
  getSession: { request: noInput, response: sessionResult },
  signIn: { request: signInRequestSchema, response: sessionResult },
  signOut: { request: noInput, response: sessionResult },
  setWeakStorageAllowed: {
    request: z.strictObject({ allowed: z.boolean() }),
    response: sessionResult,
  },
} as const satisfies Record<InvokeKey, { request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type RequestOf<K extends InvokeKey> = z.input<Contract[K]['request']>;
export type ParsedRequestOf<K extends InvokeKey> = z.output<Contract[K]['request']>;
export type ResponseOf<K extends InvokeKey> = z.output<Contract[K]['response']>;

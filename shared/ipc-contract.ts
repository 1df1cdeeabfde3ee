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

/** C0/C1 control characters and lone UTF-16 surrogates: never part of a real email or password. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const unprintable = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const signInRequestSchema = z.strictObject({
  email: z
    .string()
    .max(limits.emailMax)
    .trim()
    .regex(/^[^\s@]+@[^\s@]+$/, 'not an email address')
    .refine((value) => !unprintable.test(value), 'email has characters that cannot be typed'),
  password: z
    .string()
    .min(1)
    .max(limits.passwordMax)
    .refine((value) => !unprintable.test(value), 'password has characters that cannot be typed'),
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

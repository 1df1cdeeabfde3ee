import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** A user as configured: plain password, hashed as soon as it is loaded. */
export interface UserInput {
  email: string;
  password: string;
  name: string;
}

/** What clients may learn about a user (the `user` object of every token response). */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
}

/** The built-in account used when no users file is given. */
export const DEFAULT_USERS: ReadonlyArray<UserInput> = [
  { email: 'demo@tessera.dev', password: 'tessera-demo', name: 'Demo User' },
];

/**
 * scrypt cost (N) for password hashes.
 *
 * 2^14 with r=8, p=1 is the OWASP Password Storage Cheat Sheet floor for scrypt; tests may pass a
 * lighter cost through the server options to stay fast.
 */
export const DEFAULT_SCRYPT_COST = 16_384;
const SCRYPT_BLOCK_SIZE = 8;
const SCRYPT_PARALLELIZATION = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

/**
 * Normalize an email for lookup.
 *
 * Emails are compared trimmed and lowercased so `Demo@Tessera.dev ` finds the same account (and
 * the same rate-limit bucket) as `demo@tessera.dev`.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Stable user id derived from the email.
 *
 * The same users file gives the same ids on every start, so tokens and client state stay
 * meaningful across restarts without a database.
 */
export function userIdFor(email: string): string {
  const digest = createHash('sha256').update(normalizeEmail(email)).digest('hex');
  return `usr_${digest.slice(0, 16)}`;
}

const emailPattern = /^[^\s@]+@[^\s@]+$/;

const userInputSchema = z.strictObject({
  email: z
    .string()
    .max(320)
    .refine((value) => emailPattern.test(value.trim()), { message: 'must be an email address' }),
  password: z.string().min(1).max(1024),
  name: z.string().trim().min(1).max(200),
});

/**
 * Schema of a users file: a non-empty JSON array of `{ email, password, name }`.
 *
 * Duplicate emails (after normalization) are rejected: two accounts sharing an email would make
 * sign-in ambiguous.
 */
export const usersSchema = z
  .array(userInputSchema)
  .min(1)
  .superRefine((users, ctx) => {
    const seen = new Set<string>();
    users.forEach((user, index) => {
      const key = normalizeEmail(user.email);
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', message: 'duplicate email', path: [index, 'email'] });
      }
      seen.add(key);
    });
  });

/** A users list or file that cannot be used; the message is safe to print (no passwords). */
export class UsersFileError extends Error {
  override name = 'UsersFileError';
}

/** Validate a users list (from a file or the programmatic options). */
export function parseUsers(input: unknown, source = 'users'): UserInput[] {
  const result = usersSchema.safeParse(input);
  if (!result.success) {
    throw new UsersFileError(`${source} is invalid:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

/**
 * Read and validate a users file.
 *
 * The JSON parser's own message is not repeated: recent V8 versions quote the input, which could
 * put a password on the terminal.
 */
export async function loadUsersFile(path: string): Promise<UserInput[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UsersFileError(`cannot read users file "${path}" (${code})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsersFileError(`users file "${path}" is not valid JSON`);
  }
  return parseUsers(data, `users file "${path}"`);
}

function deriveKey(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      salt,
      KEY_LENGTH,
      { N: cost, r: SCRYPT_BLOCK_SIZE, p: SCRYPT_PARALLELIZATION, maxmem: 256 * cost * SCRYPT_BLOCK_SIZE },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

interface PasswordHash {
  salt: Buffer;
  hash: Buffer;
}

interface StoredUser {
  user: PublicUser;
  password: PasswordHash;
}

async function hashPassword(password: string, cost: number): Promise<PasswordHash> {
  const salt = randomBytes(SALT_LENGTH);
  return { salt, hash: await deriveKey(password, salt, cost) };
}

/**
 * The configured accounts, with passwords kept only as salted scrypt hashes.
 *
 * Follows OWASP ASVS 6.2 / the Password Storage Cheat Sheet: memory-hard hash, per-user random salt,
 * constant-time comparison. Plain passwords are dropped once hashed.
 */
export class UserDirectory {
  readonly #byEmail: Map<string, StoredUser>;
  readonly #byId: Map<string, StoredUser>;
  readonly #cost: number;
  readonly #dummy: PasswordHash;

  private constructor(users: StoredUser[], cost: number, dummy: PasswordHash) {
    this.#byEmail = new Map(users.map((stored) => [stored.user.email, stored]));
    this.#byId = new Map(users.map((stored) => [stored.user.id, stored]));
    this.#cost = cost;
    this.#dummy = dummy;
  }

  /** Validate and hash the given users (throws {@link UsersFileError} on bad input). */
  static async create(
    users: ReadonlyArray<UserInput>,
    options: { scryptCost?: number } = {},
  ): Promise<UserDirectory> {
    const cost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
    if (!Number.isInteger(cost) || cost < 2 || (cost & (cost - 1)) !== 0) {
      throw new RangeError('scryptCost must be a power of two ≥ 2');
    }
    const valid = parseUsers(users);
    const stored = await Promise.all(
      valid.map(async (input): Promise<StoredUser> => {
        const email = normalizeEmail(input.email);
        return {
          user: { id: userIdFor(email), email, name: input.name },
          password: await hashPassword(input.password, cost),
        };
      }),
    );
    // A hash nobody knows the password of, checked for unknown emails (see verify()).
    const dummy = await hashPassword(randomBytes(32).toString('base64url'), cost);
    return new UserDirectory(stored, cost, dummy);
  }

  /**
   * Check an email and password; the user on success, `null` otherwise.
   *
   * An unknown email still runs scrypt against a dummy hash, so the answer takes about as long as
   * a wrong password and timing does not reveal which emails exist (OWASP ASVS 2.2 / Authentication
   * Cheat Sheet, "authentication responses"). The comparison is constant-time (timingSafeEqual).
   */
  async verify(email: string, password: string): Promise<PublicUser | null> {
    const stored = this.#byEmail.get(normalizeEmail(email));
    const target = stored?.password ?? this.#dummy;
    const derived = await deriveKey(password, target.salt, this.#cost);
    const matches = timingSafeEqual(derived, target.hash);
    return stored && matches ? { ...stored.user } : null;
  }

  /** Look a user up by id (the `sub` of an access token). */
  findById(id: string): PublicUser | undefined {
    const stored = this.#byId.get(id);
    return stored ? { ...stored.user } : undefined;
  }

  /** Look a user up by email (case-insensitive). */
  findByEmail(email: string): PublicUser | undefined {
    const stored = this.#byEmail.get(normalizeEmail(email));
    return stored ? { ...stored.user } : undefined;
  }
}

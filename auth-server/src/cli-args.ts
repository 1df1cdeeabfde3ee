import { parseArgs } from 'node:util';
import {
  DEFAULT_ACCESS_TTL_SECONDS,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_REFRESH_TTL_SECONDS,
} from './server';

/** Settings taken from the command line. */
export interface CliConfig {
  help: boolean;
  host: string;
  port: number;
  /** Path of a users JSON file; undefined = the built-in demo user. */
  usersFile: string | undefined;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

/** A bad command line; the CLI prints the message and exits with code 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

export const USAGE = `Usage: npm run auth-server -- [options]

  --port N               port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host H               interface to bind (default ${DEFAULT_HOST})
  --users FILE           JSON array of {email, password, name} (default: the demo user)
  --access-ttl SECONDS   access token lifetime (default ${DEFAULT_ACCESS_TTL_SECONDS})
  --refresh-ttl SECONDS  absolute sign-in lifetime (default ${DEFAULT_REFRESH_TTL_SECONDS})
  -h, --help             show this help`;

/** Ten years: long enough for any dev setup, small enough to keep dates sane. */
const MAX_TTL_SECONDS = 315_360_000;

function integerFlag(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new CliUsageError(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/**
 * Parse CLI arguments (without `node` and the script path).
 *
 * Strict: unknown flags, positionals and missing values are errors rather than silently ignored.
 */
export function parseCliArgs(argv: readonly string[]): CliConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        users: { type: 'string' },
        'access-ttl': { type: 'string' },
        'refresh-ttl': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const host = values.host ?? DEFAULT_HOST;
  if (host.trim() === '') throw new CliUsageError('--host must not be empty');
  if (values.users !== undefined && values.users.trim() === '') {
    throw new CliUsageError('--users must be a file path');
  }
  return {
    help: values.help ?? false,
    host,
    port: integerFlag('port', values.port, DEFAULT_PORT, 0, 65_535),
    usersFile: values.users,
    accessTtlSeconds: integerFlag('access-ttl', values['access-ttl'], DEFAULT_ACCESS_TTL_SECONDS, 1, MAX_TTL_SECONDS),
    refreshTtlSeconds: integerFlag(
      'refresh-ttl',
      values['refresh-ttl'],
      DEFAULT_REFRESH_TTL_SECONDS,
      1,
      MAX_TTL_SECONDS,
    ),
  };
}

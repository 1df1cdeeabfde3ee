import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_AUTH_URL, isHttpUrl } from '../../electron/main/config/app-config';

/**
 * The harness command line.
 *
 * Strict like the auth server's: an unknown flag or a bad value is an error (exit 2), never
 * silently ignored, because a typo in a test's flags would otherwise test the wrong thing.
 */
export const keystores = ['secure', 'weak', 'unavailable'] as const;
export type Keystore = (typeof keystores)[number];

export interface HarnessArgs {
  help: boolean;
  port: number;
  /** Absolute; the app's userData (`session.json`, `settings.json`, the cipher key). */
  dataDir: string;
  authUrl: string;
  keystore: Keystore;
  /** The built renderer; default `out/renderer` of this repo. */
  rendererDir: string | undefined;
}

export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

export const USAGE = `Usage: npm run harness -- --data-dir DIR [options]

Serves the built renderer (npm run build) on 127.0.0.1 with the real main-process services
behind window.tessera. Prints HARNESS_URL=<url> once listening.

  --data-dir DIR       the app's data dir (created if missing); the same dir = an app restart
  --auth-url URL       the auth API (default ${DEV_AUTH_URL})
  --port N             port to listen on (default 0 = any free port)
  --keystore KIND      secure | weak | unavailable (default secure): simulates the OS keystore
                       (weak = Linux basic_text, unavailable = no encryption at all)
  --renderer-dir DIR   the built renderer (default out/renderer)
  -h, --help           show this help`;

export function parseHarnessArgs(argv: readonly string[], cwd = process.cwd()): HarnessArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'auth-url': { type: 'string' },
        keystore: { type: 'string' },
        'renderer-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const help = values.help ?? false;
  const dataDir = values['data-dir'];
  if (!help && (dataDir === undefined || dataDir.trim() === '')) throw new CliUsageError('--data-dir is required');

  const port = values.port === undefined ? 0 : /^\d+$/.test(values.port) ? Number(values.port) : Number.NaN;
  if (!Number.isSafeInteger(port) || port > 65_535) throw new CliUsageError(`--port must be an integer from 0 to 65535, got "${values.port}"`);

  const authUrl = values['auth-url'] ?? DEV_AUTH_URL;
  if (!isHttpUrl(authUrl)) throw new CliUsageError(`--auth-url must be an http(s) URL, got "${authUrl}"`);

  const keystore = values.keystore ?? 'secure';
  if (!isKeystore(keystore)) throw new CliUsageError(`--keystore must be one of ${keystores.join(', ')}, got "${keystore}"`);

  return {
    help,
    port,
    dataDir: resolve(cwd, dataDir ?? '.'),
    authUrl,
    keystore,
    rendererDir: values['renderer-dir'] === undefined ? undefined : resolve(cwd, values['renderer-dir']),
  };
}

function isKeystore(value: string): value is Keystore {
  return (keystores as readonly string[]).includes(value);
}

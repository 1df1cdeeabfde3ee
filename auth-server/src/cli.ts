/**
 * Command-line entry of the dev auth server: `npm run auth-server -- [flags]`.
 *
 * Prints `AUTH_URL=<url>` once listening (scripts and the e2e runner read that line), exits 2 on
 * a bad command line or users file, and closes cleanly on SIGINT/SIGTERM. Tokens are never
 * printed; only HTTP responses carry them.
 */
import { CliUsageError, parseCliArgs, USAGE } from './cli-args';
import { describeError } from './safe-error';
import { startAuthServer } from './server';
import type { AuthServer } from './server';
import { DEFAULT_USERS, loadUsersFile, UsersFileError } from './users';
import type { UserInput } from './users';

const EXIT_USAGE = 2;

function fail(message: string, code: number): never {
  process.stderr.write(`auth-server: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let config;
  try {
    config = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliUsageError) fail(`${error.message}\n\n${USAGE}`, EXIT_USAGE);
    throw error;
  }
  if (config.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  let users: ReadonlyArray<UserInput> = DEFAULT_USERS;
  if (config.usersFile !== undefined) {
    try {
      users = await loadUsersFile(config.usersFile);
    } catch (error) {
      if (error instanceof UsersFileError) fail(error.message, EXIT_USAGE);
      throw error;
    }
  }

  let server: AuthServer;
  try {
    server = await startAuthServer({
      host: config.host,
      port: config.port,
      users,
      accessTtlSeconds: config.accessTtlSeconds,
      refreshTtlSeconds: config.refreshTtlSeconds,
    });
  } catch (error) {
    fail(`could not start: ${describeError(error)}`, 1);
  }

  process.stdout.write(`AUTH_URL=${server.url}\n`);
  if (config.usersFile === undefined) {
    const demo = DEFAULT_USERS[0];
    if (demo) process.stdout.write(`demo user: ${demo.email} / ${demo.password}\n`);
  }

  let stopping = false;
  const stop = (): void => {
    // A second signal while closing is ignored; close() itself force-closes slow connections.
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`error while closing: ${describeError(error)}`, 1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => fail(describeError(error), 1));

/**
 * Command-line entry of the browser harness: `npm run harness -- --data-dir DIR [flags]`.
 *
 * Prints `HARNESS_URL=<url>` once listening (the e2e fixtures wait for that line), exits 2 on a
 * bad command line, 1 if it can't start, and 0 after SIGINT/SIGTERM, which close it cleanly.
 * Tokens are never printed: the logger redacts every line.
 */
import { createLogger } from '../../electron/main/logging/logger';
import { CliUsageError, parseHarnessArgs, USAGE } from './cli-args';
import { startHarness, type Harness } from './harness';

function fail(message: string, code: number): never {
  process.stderr.write(`harness: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseHarnessArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliUsageError) fail(`${error.message}\n\n${USAGE}`, 2);
    throw error;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  let harness: Harness;
  try {
    harness = await startHarness({ ...args, logger: createLogger() });
  } catch (error) {
    fail(`could not start: ${error instanceof Error ? error.message : String(error)}`, 1);
  }
  process.stdout.write(`HARNESS_URL=${harness.url}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    harness.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`error while closing: ${error instanceof Error ? error.message : String(error)}`, 1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));

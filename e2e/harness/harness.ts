import { fileURLToPath } from 'node:url';
import { events } from '../../shared/channels';
import { createLogger } from '../../electron/main/logging/logger';
import type { Logger } from '../../electron/main/ports';
import { buildPageBridge } from './bridge-bundle';
import { bridgePaths } from './bridge-paths';
import type { Keystore } from './cli-args';
import { createHarnessServices } from './harness-services';
import { createHarnessServer } from './server';
import { openRendererFiles } from './static-files';

/**
 * The browser harness: the app's main process without Electron, for a browser to drive.
 *
 * Does what the composition root does (build the services, register the validated handlers,
 * push session changes to the page, restore the saved session at start), with the harness's
 * adapters: conf files and an AES-256-GCM cipher in the data dir, HTTP instead of IPC.
 */
export interface HarnessOptions {
  port: number;
  dataDir: string;
  authUrl: string;
  keystore: Keystore;
  rendererDir?: string | undefined;
  logger?: Logger;
}

export interface Harness {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

export const defaultRendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const logger = options.logger ?? createLogger();
  const [bridgeScript, files] = await Promise.all([
    buildPageBridge(),
    openRendererFiles(options.rendererDir ?? defaultRendererDir, bridgePaths.script),
  ]);
  const server = createHarnessServer({ files, bridgeScript, logger });
  const url = await server.listen(options.port);

  const { auth, listeners } = createHarnessServices({
    dataDir: options.dataDir,
    authUrl: options.authUrl,
    keystore: options.keystore,
    appUrl: `${url}/`,
    logger,
  });
  server.serve(listeners);
  auth.onChanged((view) => server.broadcast(events.sessionChanged, view));
  void auth.start();

  return {
    url,
    async close() {
      await auth.stop();
      await server.close();
    },
  };
}

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAesGcmCipher, loadOrCreateKeyFile } from '../../electron/main/adapters/aes-gcm-cipher';
import { openConfStore } from '../../electron/main/adapters/node-conf-store';
import type { AuthService } from '../../electron/main/auth/auth-service';
import { createServices } from '../../electron/main/create-services';
import { createSenderCheck } from '../../electron/main/ipc/trusted-sender';
import { registerHandlers, type InvokeListener } from '../../electron/main/ipc/validated-ipc';
import { systemClock, type CipherStatus, type Logger } from '../../electron/main/ports';
import type { Keystore } from './cli-args';

/**
 * The main-process service graph of the browser harness.
 *
 * Built by the same `createServices` as the Electron composition root, over the Node adapters:
 * conf stores (electron-store's engine) in the data dir and an AES-256-GCM cipher whose key file
 * lives next to them, in place of safeStorage. Handlers are registered through the real
 * `registerHandlers`, so every bridge call passes the sender check and the contract's schemas
 * exactly as an IPC call does in the app; the registrar only collects the listeners.
 */
export interface HarnessServicesOptions {
  dataDir: string;
  authUrl: string;
  keystore: Keystore;
  /** The page URL the sender check trusts (the harness's own origin). */
  appUrl: string;
  logger: Logger;
}

export interface HarnessServices {
  auth: AuthService;
  /** The validated IPC listeners, by channel. */
  listeners: ReadonlyMap<string, InvokeListener>;
}

/** What each simulated keystore reports, like safeStorage does on the machines it stands for. */
export const keystoreStatus: Record<Keystore, Partial<CipherStatus>> = {
  secure: {},
  /** Linux with `--password-store=basic` or no keyring: a hard-coded key. */
  weak: { backend: 'basic_text', weak: true },
  /** No encryption at all. */
  unavailable: { available: false, backend: 'unknown', weak: true },
};

export function createHarnessServices(options: HarnessServicesOptions): HarnessServices {
  const { dataDir, logger } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const cipher = createAesGcmCipher({
    current: loadOrCreateKeyFile(join(dataDir, 'cipher.key')),
    status: keystoreStatus[options.keystore],
  });
  const { auth, handlers } = createServices({
    sessionKv: openConfStore(dataDir, 'session'),
    settingsKv: openConfStore(dataDir, 'settings'),
    cipher,
    authUrl: options.authUrl,
    clock: systemClock,
    logger,
  });
  const listeners = new Map<string, InvokeListener>();
  registerHandlers({ handle: (channel, listener) => listeners.set(channel, listener) }, handlers, {
    isTrustedSender: createSenderCheck(options.appUrl),
    logger,
  });
  return { auth, listeners };
}

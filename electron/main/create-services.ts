import { AuthService } from './auth/auth-service';
import { createAuthApi } from './auth/auth-api';
import { sessionHandlers } from './ipc/session-handlers';
import type { Handlers } from './ipc/validated-ipc';
import type { Cipher, Clock, KeyValueStore, Logger, Transport } from './ports';
import { SessionStore } from './session/session-store';
import { SettingsStore } from './settings/settings-store';

/**
 * The service graph, built from ports.
 *
 * Shared by the Electron composition root and the browser harness, so both run the same
 * services wired the same way; only the adapters differ.
 */
export interface ServicePorts {
  sessionKv: KeyValueStore;
  settingsKv: KeyValueStore;
  cipher: Cipher;
  authUrl: string;
  clock: Clock;
  logger: Logger;
  transport?: Transport;
}

export interface Services {
  auth: AuthService;
  store: SessionStore;
  settings: SettingsStore;
  handlers: Handlers;
}

export function createServices(ports: ServicePorts): Services {
  const { clock, logger } = ports;
  const settings = new SettingsStore(ports.settingsKv, logger, clock.now);
  const store = new SessionStore({ kv: ports.sessionKv, cipher: ports.cipher, settings, logger, clock });
  const api = createAuthApi({ baseUrl: ports.authUrl, transport: ports.transport, clock });
  const auth = new AuthService({ api, store, settings, clock, logger });
  return { auth, store, settings, handlers: sessionHandlers(auth) };
}

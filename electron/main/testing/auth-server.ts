import { afterEach } from 'vitest';
import { startAuthServer, type AuthServer, type AuthServerOptions } from '../../../auth-server/src/server';

/** The real dev auth server on a free port, closed after each test. */
export const DEMO = { email: 'demo@tessera.dev', password: 'tessera-demo' } as const;

const started: AuthServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
});

export async function startRealAuthServer(options: AuthServerOptions = {}): Promise<AuthServer> {
  const server = await startAuthServer({ port: 0, scryptCost: 1024, logError: () => {}, ...options });
  started.push(server);
  return server;
}

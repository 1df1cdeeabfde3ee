import type { AuthService } from '../auth/auth-service';
import type { Handlers } from './validated-ipc';

/** The contract's verbs, served by the auth service. */
export function sessionHandlers(auth: AuthService): Handlers {
  return {
    getSession: async () => ({ ok: true, session: await auth.view() }),
    signIn: (request) => auth.signIn(request),
    signOut: () => auth.signOut(),
    setWeakStorageAllowed: ({ allowed }) => auth.setWeakStorageAllowed(allowed),
  };
}

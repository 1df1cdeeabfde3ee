import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi, type Mock } from 'vitest';
import type { ResponseOf } from '../../shared/ipc-contract';
import type { SessionView, StorageInfo, User } from '../../shared/session-view';
import type { TesseraApi } from '../../shared/tessera-api';
import { ApiProvider } from './ApiProvider';

/**
 * Test helpers: a fake `TesseraApi` and ready-made sessions.
 *
 * Only imported by tests. The fake records calls (`vi.fn`) and can push `session:changed`
 * events through `emit`, like main would.
 */

export type SignedOut = Extract<SessionView, { status: 'signed-out' }>;
export type SignedIn = Extract<SessionView, { status: 'signed-in' }>;

export const secureStorage: StorageInfo = { level: 'secure', backend: 'gnome_libsecret', weakAllowed: false, canPersist: true };
export const weakStorage: StorageInfo = { level: 'weak', backend: 'basic_text', weakAllowed: false, canPersist: false };
export const unavailableStorage: StorageInfo = { level: 'unavailable', backend: 'unknown', weakAllowed: false, canPersist: false };

export const demoUser: User = { id: 'u_1', email: 'demo@example.com', name: 'Demo User' };

export function signedOut(overrides: Partial<SignedOut> = {}): SignedOut {
  return { status: 'signed-out', reason: 'none', storage: secureStorage, ...overrides };
}

export function signedIn(overrides: Partial<SignedIn> = {}): SignedIn {
  return {
    status: 'signed-in',
    user: demoUser,
    expiresAt: Date.UTC(2030, 0, 15, 15, 30),
    persistence: 'disk',
    offline: false,
    storage: secureStorage,
    ...overrides,
  };
}

export function ok(session: SessionView): ResponseOf<'getSession'> {
  return { ok: true, session };
}

export interface FakeApi extends TesseraApi {
  getSession: Mock<TesseraApi['getSession']>;
  signIn: Mock<TesseraApi['signIn']>;
  signOut: Mock<TesseraApi['signOut']>;
  setWeakStorageAllowed: Mock<TesseraApi['setWeakStorageAllowed']>;
  onSessionChanged: Mock<TesseraApi['onSessionChanged']>;
  /** The unsubscribe function handed out by `onSessionChanged`. */
  unsubscribe: Mock<() => void>;
  /** Pushes a `session:changed` event to every current listener. */
  emit(session: SessionView): void;
}

/** A fake API: signed out with secure storage unless told otherwise. */
export function createFakeApi(initial: SessionView = signedOut()): FakeApi {
  const listeners = new Set<(session: SessionView) => void>();
  const unsubscribe = vi.fn<() => void>();
  return {
    getSession: vi.fn<TesseraApi['getSession']>().mockResolvedValue(ok(initial)),
    signIn: vi.fn<TesseraApi['signIn']>().mockResolvedValue(ok(signedIn())),
    signOut: vi.fn<TesseraApi['signOut']>().mockResolvedValue(ok(signedOut({ reason: 'signed-out' }))),
    setWeakStorageAllowed: vi.fn<TesseraApi['setWeakStorageAllowed']>().mockResolvedValue(ok(initial)),
    onSessionChanged: vi.fn<TesseraApi['onSessionChanged']>((listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        unsubscribe();
      };
    }),
    unsubscribe,
    emit(session) {
      for (const listener of listeners) listener(session);
    },
  };
}

/** A promise plus its resolve function, to hold a call pending. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Renders `ui` below an `ApiProvider` with `api`. */
export function renderWithApi(ui: ReactElement, api: TesseraApi) {
  return render(<ApiProvider api={api}>{ui}</ApiProvider>);
}

import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/session-view';
import { App } from './App';
import {
  createFakeApi,
  deferred,
  ok,
  renderWithApi,
  signedIn,
  signedOut,
  unavailableStorage,
  weakStorage,
  type FakeApi,
} from './test-utils';

function setup(api: FakeApi) {
  const user = userEvent.setup();
  const view = renderWithApi(<App />, api);
  return { user, ...view };
}

const signInHeading = () => screen.findByRole('heading', { level: 1, name: 'Sign in' });
const signedInHeading = (name = 'Demo User') => screen.findByRole('heading', { level: 1, name: `Signed in as ${name}` });

describe('App', () => {
  it('shows "Restoring your session…" until getSession answers', async () => {
    const api = createFakeApi();
    const pending = deferred<Awaited<ReturnType<FakeApi['getSession']>>>();
    api.getSession.mockReturnValue(pending.promise);
    setup(api);

    expect(screen.getByRole('status')).toHaveTextContent('Restoring your session…');
    expect(screen.queryByRole('heading', { level: 1 })).not.toBeInTheDocument();

    await act(async () => {
      pending.resolve(ok(signedOut()));
      await pending.promise;
    });
    expect(await signInHeading()).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveFocus();
  });

  it('restores a signed-in session', async () => {
    setup(createFakeApi(signedIn()));
    expect(await signedInHeading()).toBeInTheDocument();
  });

  it('shows sign-in with an alert when getSession fails', async () => {
    const api = createFakeApi();
    api.getSession.mockResolvedValue({ ok: false, code: 'internal' });
    setup(api);
    expect(await signInHeading()).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong in Tessera. Try again.');
  });

  it('shows sign-in with an alert when getSession rejects', async () => {
    const api = createFakeApi();
    api.getSession.mockRejectedValue(new Error('no handler'));
    setup(api);
    expect(await signInHeading()).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong in Tessera. Try again.');
  });

  it('says the session expired', async () => {
    setup(createFakeApi(signedOut({ reason: 'expired' })));
    await signInHeading();
    expect(screen.getByRole('alert')).toHaveTextContent('Your session expired — sign in again.');
  });

  it('signs in and out again', async () => {
    const api = createFakeApi();
    const { user } = setup(api);
    await signInHeading();
    await user.type(screen.getByLabelText('Email'), 'demo@example.com');
    await user.type(screen.getByLabelText('Password'), 'hunter2{Enter}');
    expect(api.signIn).toHaveBeenCalledWith({ email: 'demo@example.com', password: 'hunter2', remember: true });

    const heading = await signedInHeading();
    expect(heading).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(api.signOut).toHaveBeenCalledTimes(1);
    await signInHeading();
    expect(screen.getByLabelText('Email')).toHaveValue('');
    expect(screen.getByLabelText('Email')).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('follows session:changed events and unsubscribes on unmount', async () => {
    const api = createFakeApi();
    const { unmount } = setup(api);
    await signInHeading();
    expect(api.onSessionChanged).toHaveBeenCalledTimes(1);

    act(() => api.emit(signedIn()));
    expect(await signedInHeading()).toBeInTheDocument();

    act(() => api.emit(signedOut({ reason: 'expired' })));
    await signInHeading();
    expect(screen.getByRole('alert')).toHaveTextContent('Your session expired — sign in again.');

    expect(api.unsubscribe).not.toHaveBeenCalled();
    unmount();
    expect(api.unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('lets an event that arrives before getSession answers win', async () => {
    const api = createFakeApi();
    const pending = deferred<Awaited<ReturnType<FakeApi['getSession']>>>();
    api.getSession.mockReturnValue(pending.promise);
    setup(api);
    act(() => api.emit(signedIn()));
    await signedInHeading();
    await act(async () => {
      pending.resolve(ok(signedOut()));
      await pending.promise;
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Signed in as Demo User' })).toBeInTheDocument();
  });

  it('shows the storage notice and applies the weak-storage opt-in', async () => {
    const weak = signedOut({ storage: weakStorage });
    const allowed: SessionView = signedOut({ storage: { ...weakStorage, weakAllowed: true, canPersist: true } });
    const api = createFakeApi(weak);
    api.setWeakStorageAllowed.mockResolvedValue(ok(allowed));
    const { user } = setup(api);
    await signInHeading();

    expect(screen.getByRole('region', { name: 'Session storage' })).toHaveTextContent(
      "Your session won't be remembered",
    );
    await user.click(screen.getByRole('button', { name: 'Remember me with weaker storage' }));
    expect(api.setWeakStorageAllowed).toHaveBeenCalledWith({ allowed: true });
    expect(await screen.findByRole('button', { name: 'Stop using weaker storage' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Session storage' })).toHaveTextContent(
      'Sessions are remembered with weaker storage on this computer.',
    );
  });

  it('shows the storage notice without an opt-in when storage is unavailable, on both screens', async () => {
    const api = createFakeApi(signedOut({ storage: unavailableStorage }));
    setup(api);
    await signInHeading();
    expect(screen.getByRole('region', { name: 'Session storage' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remember me with weaker storage' })).not.toBeInTheDocument();

    act(() => api.emit(signedIn({ persistence: 'memory', storage: unavailableStorage })));
    await signedInHeading();
    expect(screen.getByRole('region', { name: 'Session storage' })).toBeInTheDocument();
  });

  it('shows the offline indicator for an offline session', async () => {
    setup(createFakeApi(signedIn({ offline: true })));
    await signedInHeading();
    expect(screen.getByRole('status')).toHaveTextContent("Offline — we'll reconnect automatically");
  });
});

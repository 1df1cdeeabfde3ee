import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { formatExpiry } from './format-time';
import { SignedInScreen } from './SignedInScreen';
import { createFakeApi, deferred, ok, renderWithApi, signedIn, signedOut, weakStorage, type FakeApi, type SignedIn } from './test-utils';

function setup(session: SignedIn = signedIn(), api: FakeApi = createFakeApi(session)) {
  const onSession = vi.fn();
  const user = userEvent.setup();
  renderWithApi(<SignedInScreen session={session} onSession={onSession} />, api);
  return { api, onSession, user };
}

/** The value (`<dd>`) labelled by the term `term`. */
const detail = (term: string) => screen.getByRole('definition', { name: term });

describe('SignedInScreen', () => {
  it('shows the name as the heading, the email and a human expiry with a machine-readable time', () => {
    const session = signedIn();
    setup(session);
    const heading = screen.getByRole('heading', { level: 1, name: 'Signed in as Demo User' });
    expect(heading).toHaveFocus();
    expect(detail('Email')).toHaveTextContent('demo@example.com');
    const time = within(detail('Session expires')).getByRole('time');
    expect(time).toHaveAttribute('dateTime', new Date(session.expiresAt).toISOString());
    expect(time).toHaveTextContent(formatExpiry(session.expiresAt, Date.now()));
    expect(detail('Session expires')).toHaveTextContent(/renews automatically$/);
  });

  it('falls back to the email when the name is blank', () => {
    setup(signedIn({ user: { id: 'u_2', email: 'someone@example.com', name: '  ' } }));
    expect(screen.getByRole('heading', { level: 1, name: 'Signed in as someone@example.com' })).toBeInTheDocument();
  });

  it('says where the session is kept', () => {
    setup(signedIn({ persistence: 'disk' }));
    expect(detail('Storage')).toHaveTextContent('Remembered on this device (encrypted)');
  });

  it('says a memory-only session ends when Tessera quits', () => {
    setup(signedIn({ persistence: 'memory' }));
    expect(detail('Storage')).toHaveTextContent('This session ends when you quit Tessera');
  });

  it('says plainly when the session could not be saved', () => {
    setup(signedIn({ persistence: 'unsaved' }));
    expect(detail('Storage')).toHaveTextContent("Couldn't be saved: Tessera can't write to its data folder");
  });

  it('does not call weak storage "encrypted" storage', () => {
    setup(signedIn({ persistence: 'disk', storage: { ...weakStorage, weakAllowed: true, canPersist: true } }));
    expect(detail('Storage')).toHaveTextContent('Remembered on this device (weaker storage)');
  });

  it('shows the offline indicator only while offline', () => {
    setup(signedIn({ offline: true }));
    expect(screen.getByRole('status')).toHaveTextContent("Offline — we'll reconnect automatically");
  });

  it('has no offline indicator when online', () => {
    setup(signedIn({ offline: false }));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('signs out: busy "Signing out…" while pending, then hands over the new session', async () => {
    const api = createFakeApi(signedIn());
    const pending = deferred<Awaited<ReturnType<FakeApi['signOut']>>>();
    api.signOut.mockReturnValue(pending.promise);
    const { user, onSession } = setup(signedIn(), api);

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(screen.getByRole('button', { name: 'Signing out…' })).toBeDisabled();
    expect(api.signOut).toHaveBeenCalledTimes(1);

    const next = signedOut({ reason: 'signed-out' });
    await act(async () => {
      pending.resolve(ok(next));
      await pending.promise;
    });
    expect(onSession).toHaveBeenCalledWith(next);
  });

  it('stays signed in with an alert when sign-out fails', async () => {
    const api = createFakeApi(signedIn());
    api.signOut.mockResolvedValue({ ok: false, code: 'storage_failed' });
    const { user, onSession } = setup(signedIn(), api);
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong in Tessera. Try again.');
    expect(alert).toHaveFocus();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeEnabled();
    expect(onSession).not.toHaveBeenCalled();
  });
});

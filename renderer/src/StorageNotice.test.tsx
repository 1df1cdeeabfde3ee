import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { StorageInfo } from '../../shared/session-view';
import { StorageNotice } from './StorageNotice';
import { createFakeApi, deferred, ok, renderWithApi, secureStorage, signedOut, unavailableStorage, weakStorage, type FakeApi } from './test-utils';

function setup(storage: StorageInfo, api: FakeApi = createFakeApi(signedOut({ storage }))) {
  const onSession = vi.fn();
  const user = userEvent.setup();
  renderWithApi(<StorageNotice storage={storage} onSession={onSession} />, api);
  return { api, onSession, user };
}

const weakAllowed: StorageInfo = { ...weakStorage, weakAllowed: true, canPersist: true };

describe('StorageNotice', () => {
  it('is absent with secure storage', () => {
    setup(secureStorage);
    expect(screen.queryByRole('region', { name: 'Session storage' })).not.toBeInTheDocument();
  });

  it('weak: explains the missing keyring and offers the opt-in', async () => {
    const api = createFakeApi(signedOut({ storage: weakStorage }));
    const after = signedOut({ storage: weakAllowed });
    api.setWeakStorageAllowed.mockResolvedValue(ok(after));
    const { user, onSession } = setup(weakStorage, api);

    const region = screen.getByRole('region', { name: 'Session storage' });
    expect(region).toHaveTextContent("Your session won't be remembered");
    expect(region).toHaveTextContent(
      "Tessera can't find a secure keyring (GNOME Keyring or KWallet) on this computer, so your session is kept in memory only and you'll sign in again next time.",
    );
    await user.click(screen.getByRole('button', { name: 'Remember me with weaker storage' }));
    expect(api.setWeakStorageAllowed).toHaveBeenCalledExactlyOnceWith({ allowed: true });
    expect(onSession).toHaveBeenCalledWith(after);
  });

  it('weak: the opt-in button is disabled while the choice is saved', async () => {
    const api = createFakeApi(signedOut({ storage: weakStorage }));
    const pending = deferred<Awaited<ReturnType<FakeApi['setWeakStorageAllowed']>>>();
    api.setWeakStorageAllowed.mockReturnValue(pending.promise);
    const { user } = setup(weakStorage, api);
    const button = screen.getByRole('button', { name: 'Remember me with weaker storage' });
    await user.click(button);
    expect(button).toBeDisabled();
    await act(async () => {
      pending.resolve(ok(signedOut({ storage: weakAllowed })));
      await pending.promise;
    });
    expect(button).toBeEnabled();
  });

  it('weak: says so when the choice could not be saved', async () => {
    const api = createFakeApi(signedOut({ storage: weakStorage }));
    api.setWeakStorageAllowed.mockResolvedValue({ ok: false, code: 'storage_failed' });
    const { user, onSession } = setup(weakStorage, api);
    await user.click(screen.getByRole('button', { name: 'Remember me with weaker storage' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Something went wrong in Tessera. Try again.');
    expect(onSession).not.toHaveBeenCalled();
  });

  it('unavailable: explains, with no opt-in', () => {
    setup(unavailableStorage);
    const region = screen.getByRole('region', { name: 'Session storage' });
    expect(region).toHaveTextContent(
      "This computer has no secure password storage available, so Tessera keeps your session in memory only. You'll need to sign in again next time.",
    );
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('weak and allowed: a smaller note with a way back', async () => {
    const api = createFakeApi(signedOut({ storage: weakAllowed }));
    api.setWeakStorageAllowed.mockResolvedValue(ok(signedOut({ storage: weakStorage })));
    const { user } = setup(weakAllowed, api);
    const region = screen.getByRole('region', { name: 'Session storage' });
    expect(region).toHaveTextContent('Sessions are remembered with weaker storage on this computer.');
    expect(screen.queryByRole('heading')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Stop using weaker storage' }));
    expect(api.setWeakStorageAllowed).toHaveBeenCalledExactlyOnceWith({ allowed: false });
  });
});

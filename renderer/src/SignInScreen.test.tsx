import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ErrorCode } from '../../shared/errors';
import { SignInScreen, type SignInScreenProps } from './SignInScreen';
import { createFakeApi, deferred, ok, renderWithApi, signedIn, type FakeApi } from './test-utils';

function setup(props: Partial<SignInScreenProps> = {}, api: FakeApi = createFakeApi()) {
  const onSession = vi.fn();
  const user = userEvent.setup();
  renderWithApi(<SignInScreen reason="none" onSession={onSession} {...props} />, api);
  return { api, onSession, user };
}

const email = () => screen.getByLabelText('Email');
const password = () => screen.getByLabelText('Password');

async function fillIn(user: ReturnType<typeof userEvent.setup>, address = 'demo@example.com', secret = 'hunter2') {
  await user.type(email(), address);
  await user.type(password(), secret);
}

describe('SignInScreen', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows a labelled form with "Keep me signed in" checked and focus on Email', () => {
    setup();
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'Sign in' })).toBeInTheDocument();
    expect(email()).toHaveAttribute('type', 'email');
    expect(email()).toHaveAttribute('autocomplete', 'username');
    expect(email()).toHaveAttribute('maxlength', '320');
    expect(password()).toHaveAttribute('type', 'password');
    expect(password()).toHaveAttribute('autocomplete', 'current-password');
    expect(password()).toHaveAttribute('maxlength', '1024');
    expect(screen.getByRole('checkbox', { name: 'Keep me signed in' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    expect(email()).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('submits with Enter and remembers by default', async () => {
    const { api, user, onSession } = setup();
    await user.type(email(), 'demo@example.com');
    await user.type(password(), 'hunter2{Enter}');
    expect(api.signIn).toHaveBeenCalledExactlyOnceWith({ email: 'demo@example.com', password: 'hunter2', remember: true });
    expect(onSession).toHaveBeenCalledWith(signedIn());
  });

  it('sends remember: false when "Keep me signed in" is unchecked', async () => {
    const { api, user } = setup();
    await fillIn(user);
    await user.click(screen.getByRole('checkbox', { name: 'Keep me signed in' }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(api.signIn).toHaveBeenCalledWith({ email: 'demo@example.com', password: 'hunter2', remember: false });
  });

  it('trims spaces around the email but not the password', async () => {
    const { api, user } = setup();
    await fillIn(user, '  demo@example.com ', ' pass word ');
    await user.keyboard('{Enter}');
    expect(api.signIn).toHaveBeenCalledWith({ email: 'demo@example.com', password: ' pass word ', remember: true });
  });

  it('is busy while signing in: disabled "Signing in…" button, aria-busy form, no double submit', async () => {
    const api = createFakeApi();
    const pending = deferred<Awaited<ReturnType<FakeApi['signIn']>>>();
    api.signIn.mockReturnValue(pending.promise);
    const { user, onSession } = setup({}, api);
    await fillIn(user);
    await user.keyboard('{Enter}');

    expect(screen.getByRole('button', { name: 'Signing in…' })).toBeDisabled();
    expect(screen.getByRole('form', { name: 'Sign in' })).toHaveAttribute('aria-busy', 'true');
    await user.type(password(), '{Enter}');
    expect(api.signIn).toHaveBeenCalledTimes(1);

    await act(async () => {
      pending.resolve(ok(signedIn()));
      await pending.promise;
    });
    expect(onSession).toHaveBeenCalledWith(signedIn());
    expect(screen.getByRole('form', { name: 'Sign in' })).toHaveAttribute('aria-busy', 'false');
  });

  it.each<[ErrorCode, string]>([
    ['invalid_credentials', 'Wrong email or password.'],
    ['offline', "Can't reach the server. Check your connection and try again."],
    ['server_error', 'The server had a problem. Try again in a moment.'],
    ['bad_response', "The server sent an answer Tessera couldn't understand. Try again later."],
    ['invalid_request', 'Check your email and password and try again.'],
    ['storage_failed', 'Something went wrong in Tessera. Try again.'],
    ['internal', 'Something went wrong in Tessera. Try again.'],
    ['forbidden_sender', 'Something went wrong in Tessera. Try again.'],
  ])('%s: shows "%s", keeps the fields and focuses the alert', async (code, message) => {
    const api = createFakeApi();
    api.signIn.mockResolvedValue({ ok: false, code });
    const { user, onSession } = setup({}, api);
    await fillIn(user);
    await user.keyboard('{Enter}');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(message);
    expect(alert).toHaveFocus();
    expect(email()).toHaveValue('demo@example.com');
    expect(password()).toHaveValue('hunter2');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    expect(onSession).not.toHaveBeenCalled();
  });

  it('keeps one alert and refocuses it when the same error repeats', async () => {
    const api = createFakeApi();
    api.signIn.mockResolvedValue({ ok: false, code: 'invalid_credentials' });
    const { user } = setup({}, api);
    await fillIn(user);
    await user.keyboard('{Enter}');
    await user.click(password());
    await user.keyboard('{Enter}');
    expect(api.signIn).toHaveBeenCalledTimes(2);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.getByRole('alert')).toHaveFocus();
  });

  it('treats a rejected call as an internal error', async () => {
    const api = createFakeApi();
    api.signIn.mockRejectedValue(new Error('ipc gone'));
    const { user } = setup({}, api);
    await fillIn(user);
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong in Tessera. Try again.');
  });

  it('rate limited: shows the seconds, counts down, and does not call main during the wait', async () => {
    // Only the countdown's clock is faked; user-event and React keep their real timers.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const api = createFakeApi();
    api.signIn.mockResolvedValue({ ok: false, code: 'rate_limited', retryAfterSeconds: 30 });
    const { user, onSession } = setup({}, api);
    await fillIn(user);
    await user.keyboard('{Enter}');

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Too many attempts. Try again in 30 seconds.');
    expect(alert).toHaveFocus();

    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 29 seconds.');

    const button = screen.getByRole('button', { name: 'Sign in' });
    expect(button).toBeEnabled();
    await user.click(button);
    expect(api.signIn).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 29 seconds.');
    expect(screen.getByRole('alert')).toHaveFocus();

    act(() => {
      vi.advanceTimersByTime(28_000);
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 1 second.');
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByRole('alert')).toHaveTextContent('You can try signing in again now.');

    api.signIn.mockResolvedValue(ok(signedIn()));
    await user.click(button);
    expect(api.signIn).toHaveBeenCalledTimes(2);
    expect(onSession).toHaveBeenCalledWith(signedIn());
  });

  it('rate limited without a wait: a vague message, and the next submit calls main', async () => {
    const api = createFakeApi();
    api.signIn.mockResolvedValue({ ok: false, code: 'rate_limited' });
    const { user } = setup({}, api);
    await fillIn(user);
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Try again in a moment.');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(api.signIn).toHaveBeenCalledTimes(2);
  });

  it('empty fields: an alert, marked fields, and no call to main', async () => {
    const { api, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Enter your email and password.');
    expect(alert).toHaveFocus();
    expect(email()).toHaveAttribute('aria-invalid', 'true');
    expect(password()).toHaveAttribute('aria-invalid', 'true');

    await user.type(email(), 'demo@example.com{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your password.');
    expect(email()).not.toHaveAttribute('aria-invalid');

    await user.clear(email());
    await user.type(password(), 'hunter2{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your email.');
    expect(api.signIn).not.toHaveBeenCalled();
  });

  it('a blank-looking email counts as empty', async () => {
    const { api, user } = setup();
    await fillIn(user, '   ');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your email.');
    expect(api.signIn).not.toHaveBeenCalled();
  });

  it('says the session expired when that is why the user is signed out', () => {
    setup({ reason: 'expired' });
    expect(screen.getByRole('alert')).toHaveTextContent('Your session expired — sign in again.');
    expect(email()).toHaveFocus();
  });

  it('notes quietly that a corrupt saved session was dropped', () => {
    setup({ reason: 'corrupt' });
    expect(screen.getByRole('status')).toHaveTextContent(
      "Your saved session couldn't be read, so you've been signed out.",
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows an initial failure (getSession failed) in the alert', () => {
    setup({ reason: null, initialFailure: { ok: false, code: 'internal' } });
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong in Tessera. Try again.');
  });

  it('tabs Email → Password → Keep me signed in → Sign in', async () => {
    const { user } = setup();
    expect(email()).toHaveFocus();
    await user.tab();
    expect(password()).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('checkbox', { name: 'Keep me signed in' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(screen.getByRole('checkbox', { name: 'Keep me signed in' })).toHaveFocus();
  });

  it('toggles "Keep me signed in" with the keyboard', async () => {
    const { user } = setup();
    await user.tab();
    await user.tab();
    await user.keyboard(' ');
    expect(screen.getByRole('checkbox', { name: 'Keep me signed in' })).not.toBeChecked();
  });
});

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Failure, ResponseOf } from '../../shared/ipc-contract';
import type { SessionView, SignedOutReason } from '../../shared/session-view';
import { useApi } from './ApiProvider';
import { errorMessage, rateLimitedMessage, rateLimitOverMessage } from './error-messages';
import { limits } from '../../shared/limits';
import { Spinner } from './Spinner';
import { useCountdown } from './use-countdown';

/** What the one alert says: fixed words, or the rate limit (worded from the live countdown). */
type Alert = { kind: 'text'; text: string } | { kind: 'rate-limited' };

export interface SignInScreenProps {
  /** Why the user is signed out (null when the session could not be read at all). */
  reason: SignedOutReason | null;
  /** A failure to show on arrival, e.g. when `getSession` itself failed. */
  initialFailure?: Failure | undefined;
  /** Called with the new session after a successful sign-in. */
  onSession: (session: SessionView) => void;
}

const expiredMessage = 'Your session expired — sign in again.';
const corruptMessage = "Your saved session couldn't be read, so you've been signed out.";

function initialAlert(reason: SignedOutReason | null, failure: Failure | undefined): Alert | null {
  if (failure) return { kind: 'text', text: errorMessage(failure.code) };
  if (reason === 'expired') return { kind: 'text', text: expiredMessage };
  return null;
}

/**
 * The sign-in form.
 *
 * A real `<form>` so Enter submits; validation is ours (`noValidate`) so every message lands in
 * the one alert, which takes focus after an error so screen-reader and keyboard users hear it.
 * Fields keep their values after a failure. A rate limit counts down in place; submitting
 * during the wait repeats the message instead of calling main again.
 */
export function SignInScreen({ reason, initialFailure, onSession }: SignInScreenProps) {
  const api = useApi();
  const ids = useId();
  const emailRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const busyRef = useRef(false);

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<Alert | null>(() => initialAlert(reason, initialFailure));
  const [invalid, setInvalid] = useState({ email: false, password: false });
  /** Bumped for each error shown, so focus moves to the alert even when the words repeat. */
  const [alertSerial, setAlertSerial] = useState(0);
  const countdown = useCountdown();

  useEffect(() => {
    emailRef.current?.focus();
  }, []);

  useEffect(() => {
    if (alertSerial > 0) alertRef.current?.focus();
  }, [alertSerial]);

  function showAlert(next: Alert) {
    setAlert(next);
    setAlertSerial((n) => n + 1);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busyRef.current) return;

    if (countdown.secondsLeft > 0) {
      showAlert({ kind: 'rate-limited' });
      return;
    }

    const trimmedEmail = email.trim();
    const missing = { email: trimmedEmail === '', password: password === '' };
    setInvalid(missing);
    if (missing.email || missing.password) {
      const text =
        missing.email && missing.password
          ? 'Enter your email and password.'
          : missing.email
            ? 'Enter your email.'
            : 'Enter your password.';
      showAlert({ kind: 'text', text });
      return;
    }

    busyRef.current = true;
    setBusy(true);
    setAlert(null);
    let result: ResponseOf<'signIn'>;
    try {
      result = await api.signIn({ email: trimmedEmail, password, remember });
    } catch {
      result = { ok: false, code: 'internal' };
    }
    busyRef.current = false;
    setBusy(false);

    if (result.ok) {
      onSession(result.session);
      return;
    }
    if (result.code === 'rate_limited' && result.retryAfterSeconds) {
      countdown.start(result.retryAfterSeconds);
      showAlert({ kind: 'rate-limited' });
      return;
    }
    showAlert({ kind: 'text', text: errorMessage(result.code) });
  }

  const alertText =
    alert === null
      ? null
      : alert.kind === 'text'
        ? alert.text
        : countdown.secondsLeft > 0
          ? rateLimitedMessage(countdown.secondsLeft)
          : rateLimitOverMessage;

  const headingId = `${ids}-heading`;
  const alertId = `${ids}-alert`;
  const describedBy = alertText ? alertId : undefined;

  return (
    <div className="card">
      <h1 id={headingId} className="card-title">
        Sign in
      </h1>
      <p className="card-subtitle">Use your Tessera account.</p>

      {reason === 'corrupt' && !initialFailure && (
        <p className="note" role="status">
          {corruptMessage}
        </p>
      )}

      {alertText !== null && (
        <div id={alertId} ref={alertRef} className="alert" role="alert" tabIndex={-1}>
          {alert?.kind === 'rate-limited' && countdown.secondsLeft > 0 ? (
            // The number changes every second; only the first wording is announced.
            <span aria-live="off">{alertText}</span>
          ) : (
            alertText
          )}
        </div>
      )}

      <form className="form" aria-labelledby={headingId} aria-busy={busy} noValidate onSubmit={(event) => void handleSubmit(event)}>
        <div className="field">
          <label htmlFor={`${ids}-email`}>Email</label>
          <input
            ref={emailRef}
            id={`${ids}-email`}
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            autoCapitalize="off"
            maxLength={limits.emailMax}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={invalid.email || undefined}
            aria-describedby={invalid.email ? describedBy : undefined}
          />
        </div>

        <div className="field">
          <label htmlFor={`${ids}-password`}>Password</label>
          <input
            id={`${ids}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            maxLength={limits.passwordMax}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={invalid.password || undefined}
            aria-describedby={invalid.password ? describedBy : undefined}
          />
        </div>

        <div className="checkbox">
          <input
            id={`${ids}-remember`}
            name="remember"
            type="checkbox"
            checked={remember}
            onChange={(e) => setRemember(e.target.checked)}
          />
          <label htmlFor={`${ids}-remember`}>Keep me signed in</label>
        </div>

        <button className="button button-primary" type="submit" disabled={busy}>
          {busy ? (
            <>
              <Spinner />
              Signing in…
            </>
          ) : (
            'Sign in'
          )}
        </button>
      </form>
    </div>
  );
}

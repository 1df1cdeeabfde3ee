import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { SessionView } from '../../shared/session-view';
import { useApi } from './ApiProvider';
import { errorMessage } from './error-messages';
import { formatExpiry } from './format-time';
import { Spinner } from './Spinner';

export type SignedInSession = Extract<SessionView, { status: 'signed-in' }>;

export interface SignedInScreenProps {
  session: SignedInSession;
  /** Called with the new (signed-out) session after signing out. */
  onSession: (session: SessionView) => void;
}

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() ?? '');
  return (letters.length > 1 ? (letters[0] ?? '') + (letters.at(-1) ?? '') : (letters[0] ?? '')) || '?';
}

function storageText(session: SignedInSession): string {
  if (session.persistence === 'memory') return 'This session ends when you quit Tessera';
  if (session.persistence === 'unsaved') return "Couldn't be saved: Tessera can't write to its data folder, so this session ends when you quit";
  return session.storage.level === 'secure'
    ? 'Remembered on this device (encrypted)'
    : 'Remembered on this device (weaker storage)';
}

/** One term and its value; the value is labelled by the term, so it can be found by name. */
function Detail({ term, children }: { term: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="detail">
      <dt id={id}>{term}</dt>
      <dd aria-labelledby={id}>{children}</dd>
    </div>
  );
}

/**
 * Who is signed in, until when, where the session is kept, and the way out.
 *
 * Focus moves to the heading on arrival so a screen reader announces the new screen. Sign-out
 * failures stay on this screen in an alert; on success the response's session takes the app
 * back to sign-in.
 */
export function SignedInScreen({ session, onSession }: SignedInScreenProps) {
  const api = useApi();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorSerial, setErrorSerial] = useState(0);
  const [now] = useState(() => Date.now());

  const { user, expiresAt, offline } = session;
  const displayName = user.name.trim() || user.email;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    if (errorSerial > 0) alertRef.current?.focus();
  }, [errorSerial]);

  async function handleSignOut() {
    if (busy) return;
    setBusy(true);
    setError(null);
    let result;
    try {
      result = await api.signOut();
    } catch {
      result = null;
    }
    setBusy(false);
    if (result?.ok) {
      onSession(result.session);
      return;
    }
    setError(errorMessage(result ? result.code : 'internal'));
    setErrorSerial((n) => n + 1);
  }

  return (
    <div className="card">
      {offline && (
        <p className="pill pill-offline" role="status">
          <span className="pill-dot" aria-hidden="true" />
          Offline — we'll reconnect automatically
        </p>
      )}

      <div className="profile">
        <div className="avatar" aria-hidden="true">
          {initials(displayName)}
        </div>
        <h1 ref={headingRef} className="card-title profile-heading" tabIndex={-1}>
          <span className="eyebrow">Signed in as</span> <span className="profile-name">{displayName}</span>
        </h1>
      </div>

      <dl className="details">
        <Detail term="Email">{user.email}</Detail>
        <Detail term="Session expires">
          <time dateTime={new Date(expiresAt).toISOString()}>{formatExpiry(expiresAt, now)}</time>
          <span className="detail-hint"> · renews automatically</span>
        </Detail>
        <Detail term="Storage">{storageText(session)}</Detail>
      </dl>

      {error !== null && (
        <div ref={alertRef} className="alert" role="alert" tabIndex={-1}>
          {error}
        </div>
      )}

      <button className="button button-secondary" type="button" onClick={() => void handleSignOut()} disabled={busy}>
        {busy ? (
          <>
            <Spinner />
            Signing out…
          </>
        ) : (
          'Sign out'
        )}
      </button>
    </div>
  );
}

import { useState } from 'react';
import type { SessionView, StorageInfo } from '../../shared/session-view';
import { useApi } from './ApiProvider';
import { errorMessage } from './error-messages';
import { Spinner } from './Spinner';

export interface StorageNoticeProps {
  storage: StorageInfo;
  /** Called with the new session after the weak-storage choice changed. */
  onSession: (session: SessionView) => void;
}

const unavailableText =
  "This computer has no secure password storage available, so Tessera keeps your session in memory only. You'll need to sign in again next time.";
const weakText =
  "Tessera can't find a secure keyring (GNOME Keyring or KWallet) on this computer, so your session is kept in memory only and you'll sign in again next time.";

/**
 * Explains why a session won't be remembered, and offers the weak-storage opt-in.
 *
 * Only shown when the OS keystore isn't secure. The opt-in is offered only for `weak` (some
 * encryption exists, just not a keyring); with no encryption at all there is nothing to opt into.
 * Once opted in, a smaller note keeps the choice visible and revocable.
 */
export function StorageNotice({ storage, onSession }: StorageNoticeProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function setAllowed(allowed: boolean) {
    if (busy) return;
    setBusy(true);
    setError(null);
    let result;
    try {
      result = await api.setWeakStorageAllowed({ allowed });
    } catch {
      result = null;
    }
    setBusy(false);
    if (result?.ok) onSession(result.session);
    else setError(errorMessage(result ? result.code : 'internal'));
  }

  if (storage.level === 'secure') return null;

  const errorNote = error !== null && (
    <p className="notice-error" role="status">
      {error}
    </p>
  );

  if (storage.level === 'weak' && storage.weakAllowed) {
    return (
      <section className="notice notice-small" aria-label="Session storage">
        <p className="notice-text">Sessions are remembered with weaker storage on this computer.</p>
        <button
          className="button button-link"
          type="button"
          disabled={busy}
          aria-busy={busy}
          onClick={() => void setAllowed(false)}
        >
          Stop using weaker storage
        </button>
        {errorNote}
      </section>
    );
  }

  if (storage.canPersist) return null;

  return (
    <section className="notice" aria-label="Session storage">
      <svg className="notice-icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
        <path d="M10 2.5 18 17H2L10 2.5Z" className="notice-icon-shape" />
        <path d="M10 8v4.2M10 14.4v.1" className="notice-icon-mark" />
      </svg>
      <div className="notice-body">
        <h2 className="notice-title">Your session won't be remembered</h2>
        <p className="notice-text">{storage.level === 'weak' ? weakText : unavailableText}</p>
        {storage.level === 'weak' && (
          <button
            className="button button-small"
            type="button"
            disabled={busy}
            aria-busy={busy}
            onClick={() => void setAllowed(true)}
          >
            {busy && <Spinner />}
            Remember me with weaker storage
          </button>
        )}
        {errorNote}
      </div>
    </section>
  );
}

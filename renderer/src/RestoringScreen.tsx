import { Spinner } from './Spinner';

/**
 * Shown while the app asks main for the current session at startup.
 *
 * A status role so screen readers hear it; the stylesheet fades it in after a short delay, so a
 * fast restore doesn't flash.
 */
export function RestoringScreen() {
  return (
    <div className="card restoring" role="status">
      <Spinner />
      <span>Restoring your session…</span>
    </div>
  );
}

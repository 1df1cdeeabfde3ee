import { Wordmark } from './Wordmark';

/**
 * Shown when the page has no preload API, so nothing else can work.
 *
 * Happens only if the page is opened outside Tessera's window (or the preload failed to load);
 * says so plainly instead of leaving a blank window.
 */
export function StartupErrorScreen() {
  return (
    <div className="app">
      <header className="app-header">
        <Wordmark />
      </header>
      <main className="app-main">
        <div className="card" role="alert">
          <h1 className="card-title">Tessera couldn't start</h1>
          <p className="card-subtitle">Part of the app didn't load. Quit Tessera and open it again.</p>
        </div>
      </main>
    </div>
  );
}

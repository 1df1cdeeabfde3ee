import { useEffect, useState } from 'react';
import type { Failure } from '../../shared/ipc-contract';
import type { SessionView } from '../../shared/session-view';
import { useApi } from './ApiProvider';
import { RestoringScreen } from './RestoringScreen';
import { SignedInScreen } from './SignedInScreen';
import { SignInScreen } from './SignInScreen';
import { StorageNotice } from './StorageNotice';
import { Wordmark } from './Wordmark';

/**
 * Where the app is: asking main for the session, showing one, or unable to read it.
 *
 * `failed` still shows sign-in (with an alert): signing in is the way forward either way.
 */
type AppState =
  | { phase: 'restoring' }
  | { phase: 'ready'; session: SessionView }
  | { phase: 'failed'; failure: Failure };

/**
 * The renderer's top level: follows the session that main owns.
 *
 * Asks for the session once on mount and then follows `session:changed`. An event that arrives
 * before the first answer wins over it, since the answer may be older. Screens report the
 * session their own calls return, so the app never waits for the event to move on.
 */
export function App() {
  const api = useApi();
  const [state, setState] = useState<AppState>({ phase: 'restoring' });

  useEffect(() => {
    let active = true;
    let heardEvent = false;
    const unsubscribe = api.onSessionChanged((session) => {
      if (!active) return;
      heardEvent = true;
      setState({ phase: 'ready', session });
    });
    api.getSession().then(
      (result) => {
        if (!active || heardEvent) return;
        setState(result.ok ? { phase: 'ready', session: result.session } : { phase: 'failed', failure: result });
      },
      () => {
        if (!active || heardEvent) return;
        setState({ phase: 'failed', failure: { ok: false, code: 'internal' } });
      },
    );
    return () => {
      active = false;
      unsubscribe();
    };
  }, [api]);

  const showSession = (session: SessionView) => setState({ phase: 'ready', session });

  let content;
  if (state.phase === 'restoring') {
    content = <RestoringScreen />;
  } else if (state.phase === 'failed') {
    content = <SignInScreen reason={null} initialFailure={state.failure} onSession={showSession} />;
  } else {
    const { session } = state;
    content = (
      <>
        <StorageNotice storage={session.storage} onSession={showSession} />
        {session.status === 'signed-in' ? (
          <SignedInScreen session={session} onSession={showSession} />
        ) : (
          <SignInScreen reason={session.reason} onSession={showSession} />
        )}
      </>
    );
  }

  return (
    <div className="app">
      <header className="app-header">
        <Wordmark />
      </header>
      <main className="app-main">{content}</main>
    </div>
  );
}

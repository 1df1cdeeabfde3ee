import type { RequestOf, ResponseOf } from './ipc-contract';
import type { SessionView } from './session-view';

/**
 * The API the preload exposes as `window.tessera`.
 *
 * Named verbs only: the page never sees `ipcRenderer` or an IPC event object. Listeners return
 * their own unsubscribe function. Typed from the contract so both ends agree.
 */
export interface TesseraApi {
  getSession(): Promise<ResponseOf<'getSession'>>;
  signIn(request: RequestOf<'signIn'>): Promise<ResponseOf<'signIn'>>;
  signOut(): Promise<ResponseOf<'signOut'>>;
  setWeakStorageAllowed(request: RequestOf<'setWeakStorageAllowed'>): Promise<ResponseOf<'setWeakStorageAllowed'>>;
  onSessionChanged(listener: (session: SessionView) => void): () => void;
}

import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { channels, events } from '../../shared/channels';
import type { SessionView } from '../../shared/session-view';
import type { TesseraApi } from '../../shared/tessera-api';

/**
 * Builds the preload API from an ipcRenderer.
 *
 * Each verb invokes one contract channel with one argument; main validates it. Listeners get the
 * payload only (the event object, which carries `sender`, never reaches the page) and get back a
 * function that removes exactly their own listener.
 */
export function createTesseraApi(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): TesseraApi {
  return {
    getSession: () => ipc.invoke(channels.getSession),
    signIn: (request) => ipc.invoke(channels.signIn, request),
    signOut: () => ipc.invoke(channels.signOut),
    setWeakStorageAllowed: (request) => ipc.invoke(channels.setWeakStorageAllowed, request),
    onSessionChanged(listener) {
      const wrapped = (_event: IpcRendererEvent, session: SessionView) => listener(session);
      ipc.on(events.sessionChanged, wrapped);
      return () => {
        ipc.removeListener(events.sessionChanged, wrapped);
      };
    },
  };
}

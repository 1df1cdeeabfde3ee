import { BrowserWindow } from 'electron';
import { events } from '../../../shared/channels';
import type { SessionView } from '../../../shared/session-view';

/** Tells every open window the session changed (SessionView only: no tokens). */
export function broadcastSession(view: SessionView): void {
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.webContents.send(events.sessionChanged, view);
  }
}

import { ipcMain } from 'electron';
import type { IpcRegistrar } from '../ipc/validated-ipc';

/**
 * ipcMain behind the validated wrapper.
 *
 * The only file allowed to import `ipcMain` (enforced by lint): everything else registers through
 * `registerHandlers`, so no channel can skip the sender check and input parsing.
 */
export const electronIpcRegistrar: IpcRegistrar = {
  handle: (channel, listener) => ipcMain.handle(channel, listener),
};

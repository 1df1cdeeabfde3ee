import { contextBridge, ipcRenderer } from 'electron';
import { createTesseraApi } from './tessera-api';

/**
 * The preload: exposes `window.tessera` and nothing else.
 *
 * Electron security checklist #3 (context isolation): the page gets named verbs through
 * contextBridge, never `ipcRenderer` itself or an IPC event object.
 */
contextBridge.exposeInMainWorld('tessera', createTesseraApi(ipcRenderer));

/**
 * IPC channel names.
 *
 * The one list of channel names, as `domain:verb` (GitHub Desktop's `ipc-shared`, Electron
 * Fiddle's `ipc-events`). Kept free of zod so the sandboxed preload bundle stays tiny.
 */
export const channels = {
  getSession: 'session:get',
  signIn: 'session:sign-in',
  signOut: 'session:sign-out',
  setWeakStorageAllowed: 'settings:set-weak-storage-allowed',
} as const;

/** Events main pushes to every window. */
export const events = {
  sessionChanged: 'session:changed',
} as const;

export type InvokeKey = keyof typeof channels;
export type InvokeChannel = (typeof channels)[InvokeKey];

import type { App, Session } from 'electron';

/**
 * App-wide guards on every web contents and the default session.
 *
 * Electron security checklist #5 (permission requests: deny what we don't use — we use none),
 * #12 (no `<webview>` may attach), #13 (no navigation: the app is one page), #14 (no new windows:
 * `setWindowOpenHandler` denies). Applied to every web contents as it is created, so a window
 * added later is covered without remembering to.
 */
export function hardenWebContents(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

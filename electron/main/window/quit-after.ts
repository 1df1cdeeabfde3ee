import type { App } from 'electron';

/**
 * Lets async cleanup finish before the app quits.
 *
 * The first quit request is held until `cleanup` settles (the auth service saving a refresh in
 * flight), then the app quits for real; the second `before-quit` goes through.
 */
export function quitAfter(app: Pick<App, 'on' | 'quit'>, cleanup: () => Promise<void>): void {
  let cleanedUp = false;
  app.on('before-quit', (event) => {
    if (cleanedUp) return;
    event.preventDefault();
    cleanedUp = true;
    void cleanup().finally(() => app.quit());
  });
}

/**
 * Which frames may call main over IPC.
 *
 * Electron security checklist #17, "Validate the sender of all IPC messages": a call is served
 * only when it comes from the top frame of our own page. URLs are compared parsed, never with
 * `startsWith` (`file:///app/index.html.evil` or `http://localhost:5173.evil.com` must not pass).
 */
export interface SenderFrame {
  url: string;
  /** null for a main (top-level) frame. */
  parent: unknown;
}

export type SenderCheck = (frame: SenderFrame | null | undefined) => boolean;

/** True when `candidate` is the same app as `appUrl`: same scheme and host, or the same file for `file:`. */
export function isSameAppUrl(candidate: string, appUrl: string): boolean {
  let url: URL;
  let app: URL;
  try {
    url = new URL(candidate);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') {
    return url.protocol === 'file:' && url.host === app.host && decodeURIComponent(url.pathname) === decodeURIComponent(app.pathname);
  }
  // Compare scheme and host (with port) rather than `origin`: Node reports the origin of a
  // custom scheme such as app://tessera as "null", where Chromium treats it as a real origin.
  return app.host !== '' && url.protocol === app.protocol && url.host === app.host;
}

export function createSenderCheck(appUrl: string): SenderCheck {
  return (frame) => Boolean(frame && frame.parent === null && isSameAppUrl(frame.url, appUrl));
}

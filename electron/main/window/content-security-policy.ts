/**
 * The renderer's Content-Security-Policy.
 *
 * Electron security checklist #7, "Define a Content Security Policy": only our own files, no
 * inline or eval'd script. Sent as a header by the `app://` protocol and written into the page's
 * meta tag at build. The Vite dev server needs inline scripts and a websocket for hot reload, so
 * dev (and only dev) gets the relaxed variant.
 */
export const productionCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

export const devCsp = productionCsp
  .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* http://localhost:*");

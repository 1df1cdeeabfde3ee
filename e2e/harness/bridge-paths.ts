/**
 * The harness's HTTP routes for the bridge, shared by the server and the page-side bridge.
 *
 * Under one prefix the renderer's own files never use, so the static files and the bridge can't
 * shadow each other.
 */
export const bridgePaths = {
  prefix: '/__tessera/',
  /** The page-side bridge, loaded by a `<script>` the harness puts before the app's own. */
  script: '/__tessera/bridge.js',
  /** `POST /__tessera/invoke/<channel>` with `{ args: [...] }`: one IPC invoke. */
  invoke: '/__tessera/invoke/',
  /** Server-sent events: every message main pushes to the window, named by its channel. */
  events: '/__tessera/events',
} as const;

import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { createTesseraApi } from '../../electron/preload/tessera-api';
import { bridgePaths } from './bridge-paths';

/**
 * The browser harness's preload: `window.tessera` over HTTP and server-sent events.
 *
 * Runs in the page (bundled by bridge-bundle.ts, loaded before the app's script). The API is made
 * by the preload's own `createTesseraApi`, handed an `ipcRenderer` look-alike, so the verbs, the
 * channels they call and the listener semantics are the preload's, not a copy of them. Invokes
 * are same-origin POSTs; main's pushes arrive on one EventSource, opened by the first listener.
 * Until that stream is open, invokes wait for it: in Electron a listener is live as soon as
 * `on()` returns, so an event sent after a call can't be missed, and here it can't either.
 */
type IpcListener = Parameters<IpcRenderer['on']>[1];

/** The part of `ipcRenderer` that `createTesseraApi` uses (it never chains on the results). */
interface PageIpc {
  invoke: IpcRenderer['invoke'];
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

/** Listeners get the payload through `createTesseraApi`, which drops the event; this is all it sees. */
const pageEvent = Object.freeze({}) as unknown as IpcRendererEvent;

class HttpIpc implements PageIpc {
  private readonly listeners = new Map<string, Set<IpcListener>>();
  private source: EventSource | null = null;
  private connected: Promise<void> = Promise.resolve();

  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    await this.connected;
    const response = await fetch(`${bridgePaths.invoke}${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ args }),
      credentials: 'same-origin',
      redirect: 'error',
    });
    // ipcRenderer.invoke rejects when main can't answer; so does this.
    if (!response.ok) throw new Error(`Error invoking remote method '${channel}': HTTP ${response.status}`);
    return response.json();
  }

  on(channel: string, listener: IpcListener): void {
    let listeners = this.listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(channel, listeners);
      this.events().addEventListener(channel, (message) => this.dispatch(channel, (message as MessageEvent).data));
    }
    listeners.add(listener);
  }

  removeListener(channel: string, listener: IpcListener): void {
    this.listeners.get(channel)?.delete(listener);
  }

  private events(): EventSource {
    if (!this.source) {
      const source = new EventSource(bridgePaths.events);
      this.source = source;
      this.connected = new Promise((resolve) => {
        // An error resolves too: calls must not hang; EventSource keeps reconnecting by itself.
        source.addEventListener('open', () => resolve(), { once: true });
        source.addEventListener('error', () => resolve(), { once: true });
      });
    }
    return this.source;
  }

  private dispatch(channel: string, data: unknown): void {
    if (typeof data !== 'string') return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener(pageEvent, payload);
  }
}

Object.defineProperty(globalThis, 'tessera', {
  // The cast only widens what the calls return: `createTesseraApi` never uses it.
  value: Object.freeze(createTesseraApi(new HttpIpc() as PageIpc as Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>)),
  enumerable: true,
  configurable: false,
  writable: false,
});

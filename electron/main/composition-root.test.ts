import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/channels';

/**
 * The composition root under a fake `electron` module: what it registers and how it builds the
 * window, checked without an Electron binary.
 */
const fakeElectron = vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const paths = new Map<string, string>();
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    setPath: (name: string, value: string) => paths.set(name, value),
    getPath: (name: string) => paths.get(name) ?? '/nonexistent',
    getVersion: () => '0.0.0-test',
    requestSingleInstanceLock: () => true,
    enableSandbox: vi.fn(),
    whenReady: () => Promise.resolve(),
    quit: vi.fn(),
  });
  const handled = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const listened: string[] = [];
  const windows: Array<{ options: Record<string, unknown>; loaded: string[] }> = [];
  class BrowserWindow extends Emitter {
    static getAllWindows = () => windows;
    webContents = Object.assign(new Emitter(), { send: vi.fn(), setWindowOpenHandler: vi.fn() });
    loaded: string[] = [];
    constructor(public options: Record<string, unknown>) {
      super();
      windows.push(this as never);
    }
    loadFile = async (file: string) => void this.loaded.push(file);
    loadURL = async (url: string) => void this.loaded.push(url);
    isDestroyed = () => false;
    show = vi.fn();
    focus = vi.fn();
  }
  const schemes: unknown[] = [];
  const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>();
  const permission = { request: null as null | ((...args: unknown[]) => void), check: null as null | ((...args: unknown[]) => boolean) };
  return {
    app,
    BrowserWindow,
    windows,
    handled,
    listened,
    permission,
    ipcMain: {
      handle: (channel: string, listener: (...args: unknown[]) => Promise<unknown>) => handled.set(channel, listener),
      on: (channel: string) => listened.push(channel),
    },
    powerMonitor: new Emitter(),
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu(menu: never) {
        this.current = menu;
      },
      current: null as unknown,
    },
    schemes,
    protocolHandlers,
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => schemes.push(...list),
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => (permission.request = handler),
        setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) => (permission.check = handler),
      },
    },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: async (text: string) => Buffer.from(text).reverse(),
      decryptStringAsync: async (data: Buffer) => ({ result: Buffer.from(data).reverse().toString(), shouldReEncrypt: false }),
    },
  };
});

vi.mock('electron', async () => {
  const electron = await fakeElectron;
  return { ...electron, default: electron };
});

let dataDir: string;
let fake: Awaited<typeof fakeElectron>;

beforeAll(async () => {
  fake = await fakeElectron;
  dataDir = mkdtempSync(join(tmpdir(), 'tessera-root-'));
  vi.stubEnv('TESSERA_USER_DATA_DIR', dataDir);
  vi.stubEnv('TESSERA_AUTH_URL', 'http://127.0.0.1:9');
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  const { startApp } = await import('./composition-root');
  startApp();
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});

afterAll(() => {
  fake.app.emit('before-quit', { preventDefault: () => undefined });
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('composition root', () => {
  it('uses the test data dir and turns on the sandbox for every renderer', () => {
    expect(fake.app.getPath('userData')).toBe(dataDir);
    expect(fake.app.enableSandbox).toHaveBeenCalled();
  });

  it('creates the window with the secure preferences and our sandboxed preload', () => {
    const [window] = fake.windows;
    const prefs = window?.options.webPreferences as Record<string, unknown>;
    expect(prefs).toEqual({
      preload: expect.stringMatching(/preload[\\/]index\.cjs$/),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window?.loaded).toEqual(['app://tessera/index.html']);
  });

  it('registers every contract channel through the validating wrapper, and nothing else', async () => {
    expect([...fake.handled.keys()].sort()).toEqual(Object.values(channels).sort());
    for (const [channel, listener] of fake.handled) {
      const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
      expect(await listener(foreign), channel).toEqual({ ok: false, code: 'forbidden_sender' });
      expect(await listener({ senderFrame: null }, { junk: true }), channel).toEqual({ ok: false, code: 'forbidden_sender' });
    }
    // electron-store's own sync listener (answers its renderer API with the data path); nothing
    // can send it because the preload exposes no ipcRenderer. See docs in README "Security".
    expect(fake.listened.filter((channel) => channel !== 'electron-store-get-data')).toEqual([]);
  });

  it('serves our own page: getSession answers signed out on a fresh data dir', async () => {
    const [window] = fake.windows;
    const ours = { senderFrame: { url: window?.loaded[0] ?? '', parent: null } };
    const result = await fake.handled.get(channels.getSession)?.(ours);
    expect(result).toMatchObject({ ok: true, session: { status: 'signed-out', reason: 'none', storage: { level: 'secure', backend: 'gnome_libsecret' } } });
  });

  it('serves the renderer from the privileged app:// scheme, not file://, refusing traversal', async () => {
    expect(fake.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    const handler = fake.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const outside = await handler?.({ url: 'app://tessera/..%2f..%2fpackage.json' });
    expect(outside?.status).toBe(404);
  });

  it('"New Window" opens a second window, and every window hears session:changed', async () => {
    const menu = fake.Menu.current as { template: Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }> };
    const file = menu.template.find((entry) => entry.label === 'File');
    file?.submenu?.find((entry) => entry.label === 'New Window')?.click?.();
    expect(fake.windows).toHaveLength(2);

    const ours = { senderFrame: { url: 'app://tessera/index.html', parent: null } };
    await fake.handled.get(channels.setWeakStorageAllowed)?.(ours, { allowed: false });
    for (const window of fake.windows as unknown as Array<{ webContents: { send: { mock: { calls: unknown[][] } } } }>) {
      expect(window.webContents.send.mock.calls.at(-1)).toEqual(['session:changed', expect.objectContaining({ status: 'signed-out' })]);
    }
  });

  it('holds the first quit until the auth service has stopped, then quits', async () => {
    const event = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    const again = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    fake.permission.request?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.permission.check?.({}, 'notifications')).toBe(false);
  });

  it('blocks navigation, redirects, webviews and new windows on every web contents', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    fake.app.emit('web-contents-created', {}, contents);
    for (const eventName of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      contents.emit(eventName, event, 'https://evil.example/');
      expect(event.preventDefault, eventName).toHaveBeenCalled();
    }
    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as () => unknown;
    expect(handler()).toEqual({ action: 'deny' });
  });
});

import { BrowserWindow } from 'electron';

export interface RendererTarget {
  /** The URL the sender check trusts. */
  url: string;
  load(window: BrowserWindow): Promise<void>;
}

/**
 * Opens an app window on our page; shown once painted.
 *
 * The web preferences are written out here, literally and without casts, so Electronegativity
 * and the composition-root test both see every value. Electron security checklist: #2 no Node
 * integration, #3 context isolation, #4 process sandbox, #6 webSecurity on, #8 no insecure
 * content, #9 no experimental features, #10 no Blink features enabled, #12 no `<webview>`.
 */
export function createMainWindow(options: { preload: string; target: RendererTarget }): BrowserWindow {
  const window = new BrowserWindow({
    width: 900,
    height: 680,
    minWidth: 420,
    minHeight: 560,
    show: false,
    title: 'Tessera',
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: options.preload,
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
    },
  });
  window.once('ready-to-show', () => window.show());
  void options.target.load(window);
  return window;
}

import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './web-preferences';

export interface RendererTarget {
  /** The URL the sender check trusts. */
  url: string;
  load(window: BrowserWindow): Promise<void>;
}

/** Opens an app window on our page with the secure preferences; shown once painted. */
export function createMainWindow(options: { preload: string; target: RendererTarget }): BrowserWindow {
  const window = new BrowserWindow({
    width: 900,
    height: 680,
    minWidth: 420,
    minHeight: 560,
    show: false,
    title: 'Tessera',
    backgroundColor: '#f5f6f8',
    webPreferences: secureWebPreferences(options.preload),
  });
  window.once('ready-to-show', () => window.show());
  void options.target.load(window);
  return window;
}

import { join } from 'node:path';
import { app, BrowserWindow, Menu, powerMonitor, protocol, safeStorage, session } from 'electron';
import { createSafeStorageCipher } from './adapters/safe-storage-cipher';
import { openElectronStore } from './adapters/electron-key-value-store';
import { electronIpcRegistrar } from './adapters/electron-ipc';
import { readAppConfig } from './config/app-config';
import { createServices } from './create-services';
import { createSenderCheck } from './ipc/trusted-sender';
import { registerHandlers } from './ipc/validated-ipc';
import { createLogger } from './logging/logger';
import { systemClock } from './ports';
import { appMenuTemplate } from './window/app-menu';
import { broadcastSession } from './window/broadcast';
import { denyAllPermissions, hardenWebContents } from './window/harden-web-contents';
import { createMainWindow } from './window/main-window';
import { quitAfter } from './window/quit-after';
import { declareAppScheme, handleAppScheme } from './window/register-app-protocol';
import { rendererTarget } from './window/renderer-target';

/**
 * The composition root: picks the adapters and wires the services. No logic lives here.
 */
export function startApp(): void {
  const logger = createLogger();
  const config = readAppConfig(process.env, { isPackaged: app.isPackaged, defaultAuthUrl: import.meta.env.MAIN_VITE_TESSERA_AUTH_URL });
  config.warnings.forEach((warning) => logger.warn(warning));
  if (config.userDataDir) app.setPath('userData', config.userDataDir);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  declareAppScheme(protocol);
  hardenWebContents(app);

  const here = import.meta.dirname;
  const preload = join(here, '../preload/index.cjs');
  const target = rendererTarget(config.rendererDevUrl);
  const openWindow = () => createMainWindow({ preload, target });

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    handleAppScheme(protocol, join(here, '../renderer'));
    const dataDir = app.getPath('userData');
    const { auth, handlers } = createServices({
      sessionKv: openElectronStore(dataDir, 'session'),
      settingsKv: openElectronStore(dataDir, 'settings'),
      cipher: createSafeStorageCipher(safeStorage, process.platform),
      authUrl: config.authUrl,
      clock: systemClock,
      logger,
    });

    registerHandlers(electronIpcRegistrar, handlers, { isTrustedSender: createSenderCheck(target.url), logger });
    auth.onChanged(broadcastSession);
    powerMonitor.on('resume', () => auth.rearm());
    quitAfter(app, () => auth.stop());
    void auth.start();

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, isDev: config.rendererDevUrl !== null, newWindow: openWindow })),
    );
    openWindow();
    app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

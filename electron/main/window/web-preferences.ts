import type { WebPreferences } from 'electron';

/**
 * The renderer's web preferences.
 *
 * Electron security checklist: #2 no Node integration, #3 context isolation, #4 process sandbox,
 * #6 webSecurity on, #8 no insecure content, #9 no experimental features, #10 no Blink features,
 * #12 no `<webview>`. Written out (not cast) so Electronegativity and the tests see every value.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
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
  };
}

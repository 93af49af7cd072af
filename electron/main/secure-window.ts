import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

/**
 * The only way the app makes a window. The preferences are spelled out inside the
 * constructor call itself so that a static scanner (electronegativity, run on the
 * built bundle) can see them; a helper returning them would hide them from it.
 */
export function newSecureWindow(
  options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>,
  preload: string,
): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
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
    },
  });
}

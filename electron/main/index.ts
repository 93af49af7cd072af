import { app, BrowserWindow, dialog, ipcMain, screen, session } from 'electron';
import path from 'node:path';
import { resolveStorePath } from '../core/paths';
import { createCore, type Core } from '../core/service';
import { registerIpc } from './ipc';
import { installAppMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { newSecureWindow } from './secure-window';
import { APP_ORIGIN, lockDownContents, lockDownSession } from './security';
import { loadWindowState, saveWindowState, type WindowBounds } from './window-state';

// Electron glue only: window, menu, protocol and IPC around the plain-Node core.
const outDir = path.join(__dirname, '..');
let mainWindow: BrowserWindow | undefined;
let core: Core | undefined;

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.whenReady().then(start).catch((e: unknown) => {
    console.error('Berth failed to start:', e instanceof Error ? e.message : e);
    app.exit(1);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void core?.close());
}

async function start(): Promise<void> {
  lockDownSession(session.defaultSession);
  serveRenderer(path.join(outDir, 'renderer'));
  installAppMenu();
  core = await createCore({ storePath: resolveStorePath(undefined), host: 'electron' });
  core.watchSources?.();
  registerIpc(ipcMain, core, APP_ORIGIN, {
    'host.pickSavePath': async ({ suggestedName }) => {
      const options = { defaultPath: suggestedName, filters: [{ name: 'Image archives', extensions: ['tar'] }] };
      const r = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      return { path: r.canceled || !r.filePath ? null : r.filePath };
    },
  });
  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
}

function createWindow(): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const state = onScreen(loadWindowState(stateFile));
  const win = newSecureWindow(
    { ...state, minWidth: 640, minHeight: 480, show: false, title: 'Berth' },
    path.join(outDir, 'preload', 'index.cjs'),
  );
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/** A remembered position on a display that is gone would open the window out of reach. */
function onScreen(state: WindowBounds): WindowBounds {
  if (state.x === undefined || state.y === undefined) return state;
  const visible = screen.getAllDisplays().some(({ workArea: a }) =>
    state.x! < a.x + a.width && state.x! + state.width > a.x && state.y! < a.y + a.height && state.y! + state.height > a.y,
  );
  return visible ? state : { width: state.width, height: state.height, maximized: state.maximized };
}

import { CHANNELS, isEventName, type EventName } from '../../shared/index';
import { createDispatch, type Handlers } from '../core/api/dispatch';
import { isTrustedSender } from '../core/api/trust';
import type { Core } from '../core/service';
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';

/**
 * Registers the contract on ipcMain. Only types come from electron here, so the
 * same code runs under a test's fake ipcMain: every call's sender frame must be
 * the app's own top frame, and every input is validated by core.dispatch.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'on'>,
  core: Core,
  appOrigin: string,
  hostHandlers: Partial<Handlers> = {},
): void {
  // What only the desktop host can answer (native dialogs) replaces the core's refusals.
  const dispatch = createDispatch({ ...core.handlers, ...hostHandlers }, { checkOutput: process.env.NODE_ENV !== 'production' });
  ipcMain.handle(CHANNELS.invoke, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!trusted(event, appOrigin)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'call from a frame that is not Berth' } };
    }
    return dispatch(method, input);
  });

  const subscribed = new WeakMap<WebContents, Set<EventName>>();
  ipcMain.on(CHANNELS.subscribe, (event: IpcMainEvent, name: unknown) => {
    if (!trusted(event, appOrigin) || !isEventName(name)) return;
    const contents = event.sender;
    const names = subscribed.get(contents) ?? new Set<EventName>();
    if (names.has(name)) return;
    names.add(name);
    subscribed.set(contents, names);
    const off = core.bus.on(name, (payload) => {
      if (!contents.isDestroyed()) contents.send(CHANNELS.event, name, payload);
    });
    contents.once('destroyed', off);
  });
}

function trusted(event: IpcMainInvokeEvent | IpcMainEvent, appOrigin: string): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  return isTrustedSender({ url: frame.url, isMainFrame: frame === event.sender.mainFrame }, appOrigin);
}

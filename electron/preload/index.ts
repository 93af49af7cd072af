import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNELS } from '../../shared/channels';
import type { BerthApi, EventName } from '../../shared/contract';

// Sandboxed preload: no business logic, exactly one object on window.
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(CHANNELS.event, (_event: IpcRendererEvent, name: EventName, payload: unknown) => {
  for (const cb of listeners.get(name) ?? []) cb(payload);
});

const api: BerthApi = {
  invoke: (method, input) => ipcRenderer.invoke(CHANNELS.invoke, method, input),
  subscribe: (event, callback) => {
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
      ipcRenderer.send(CHANNELS.subscribe, event);
    }
    const cb = callback as (payload: unknown) => void;
    set.add(cb);
    return () => set.delete(cb);
  },
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('berth', api);

/** Electron IPC channel names: the preload and electron/main import these, nobody spells them. Kept free of imports so the sandboxed preload bundle stays tiny. */
export const CHANNELS = {
  invoke: 'berth:invoke',
  event: 'berth:event',
  subscribe: 'berth:subscribe',
} as const;

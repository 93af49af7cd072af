export { berthConfigDir, settingsPath } from './config-dir';
export { readSettings, writeSettings, updateSettings, Settings, ConfiguredRegistry } from './settings-file';
export { parseRegistryAddress, addRegistry, removeRegistry, insecureHosts } from './registries';
export type { ParsedAddress } from './registries';

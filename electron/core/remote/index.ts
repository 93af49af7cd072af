/** Registries as the user sees them: search, browse, inspect without pulling, accounts and settings. */
export { RemoteContext } from './context';
export type { RemoteContextOptions } from './context';
export { remoteHandlers } from './handlers';
export type { RemoteMethod } from './handlers';
export { listRegistries, addConfiguredRegistry, removeConfiguredRegistry, loginRegistry, logoutRegistry } from './accounts';
export type { RegistryEntry } from './accounts';
export { repositoryTags, inspectRemoteImage, remoteImageView } from './browse';

/** The contract's registry.* methods, on a RemoteContext. */
import type { Handlers } from '../api/dispatch';
import { searchRegistry } from '../search';
import { addConfiguredRegistry, listRegistries, loginRegistry, logoutRegistry, removeConfiguredRegistry } from './accounts';
import { inspectRemoteImage, repositoryTags } from './browse';
import { RemoteContext } from './context';

export type RemoteMethod =
  | 'registry.search'
  | 'registry.tags'
  | 'registry.inspect'
  | 'registry.list'
  | 'registry.add'
  | 'registry.remove'
  | 'registry.login'
  | 'registry.logout';

export function remoteHandlers(ctx: RemoteContext = new RemoteContext()): Pick<Handlers, RemoteMethod> {
  return {
    'registry.search': async (input) => {
      const hostOptions = await ctx.hostOptions();
      return searchRegistry(input, { clientFor: (host) => ctx.clientFor(host, hostOptions), hostOptions, env: ctx.env });
    },
    'registry.tags': async ({ repository }) => repositoryTags(ctx, repository),
    'registry.inspect': async (input) => inspectRemoteImage(ctx, input),
    'registry.list': async () => listRegistries(ctx),
    'registry.add': async ({ address, insecure }) => addConfiguredRegistry(ctx, address, insecure),
    'registry.remove': async ({ host }) => removeConfiguredRegistry(ctx, host),
    'registry.login': async (input) => loginRegistry(ctx, input),
    'registry.logout': async ({ registry }) => logoutRegistry(ctx, registry),
  };
}

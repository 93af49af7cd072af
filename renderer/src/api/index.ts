import { createApi, type Api } from './client';
import { pickTransport } from './transport';

export type { Api } from './client';
export type { ConnectionStatus } from './status';

/** The renderer's one way to reach the core, whichever host it runs in. */
export const api: Api = createApi(pickTransport(window));

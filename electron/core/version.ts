import pkg from '../../package.json' with { type: 'json' };

export const BERTH_VERSION: string = pkg.version;

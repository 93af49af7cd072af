import type { Core } from '../core/service';

/** The part of the core a host needs: the contract's single entry point and its events. */
export type HostCore = Pick<Core, 'dispatch' | 'bus'> & Partial<Pick<Core, 'archives' | 'archivePort'>>;

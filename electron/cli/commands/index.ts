import type { Command } from '../command';
import { serveCommand } from './serve';

/** Every subcommand, in the order `berth --help` lists them. */
export const allCommands: Command[] = [serveCommand];

/** `pull` and `push` (and their `image` forms), registered together. */
import type { Command } from '../command';
import { pullCommands } from './pull';
import { pushCommands } from './push';

export const transferCommands: Command[] = [...pullCommands, ...pushCommands];

import type { Command } from '../command';
import { commitCommands } from './commit';
import { copyCommands } from './copy';
import { fsckCommand } from './fsck';
import { historyCommands } from './history';
import { importCommands } from './import';
import { imagesCommands } from './images';
import { inspectCommands } from './inspect';
import { loadCommands } from './load';
import { loginCommand, logoutCommand } from './login';
import { pruneCommand } from './prune';
import { psCommands } from './ps';
import { transferCommands } from './pull-push';
import { rmiCommands } from './rmi';
import { saveCommands } from './save';
import { searchCommand } from './search';
import { serveCommand } from './serve';
import { sourceCommands } from './source';
import { tagCommands } from './tag';

/** Every subcommand, in the order `berth --help` lists them. */
export const allCommands: Command[] = [
  ...imagesCommands,
  ...inspectCommands,
  ...historyCommands,
  ...tagCommands,
  ...rmiCommands,
  pruneCommand,
  ...transferCommands,
  ...saveCommands,
  ...loadCommands,
  ...importCommands,
  ...commitCommands,
  ...copyCommands,
  ...psCommands,
  ...sourceCommands,
  searchCommand,
  loginCommand,
  logoutCommand,
  fsckCommand,
  serveCommand,
];

import { setFlagsFromString } from 'node:v8';
import { main } from './main';
import { processIO } from './io';

// undici parses HTTP with a WebAssembly llhttp. V8 would also optimise it on background threads
// and, at exit, wait for them: ~90 ms on every networked command for code a CLI run barely uses.
setFlagsFromString('--liftoff-only');

// `berth images | head` closes stdout early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2), processIO());

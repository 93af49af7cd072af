// `npm start`: builds, then opens Berth in Electron. Where no Electron binary can
// be had (it is fetched on first launch), says so plainly and names the browser host.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

/** The Electron executable, fetching it once (quietly) if it is not there yet. */
function electronBinary() {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const located = () => {
    const file = path.join(dir, 'path.txt');
    if (!existsSync(file)) return undefined;
    const exe = path.join(dir, 'dist', readFileSync(file, 'utf8'));
    return existsSync(exe) ? exe : undefined;
  };
  if (located()) return located();
  spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'pipe', timeout: 180_000 });
  return located();
}

const binary = electronBinary();
if (!binary) {
  console.error(
    [
      'Berth cannot open its window here: no Electron binary is installed, and it could not be downloaded',
      '(Electron fetches its binary on first launch). Either allow that download and run `npm start` again,',
      'or use the same app in your browser:',
      '',
      '    npm run start:web',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
if (run('npm', ['run', 'build']) !== 0) process.exit(1);
process.exit(run(binary, ['.']));

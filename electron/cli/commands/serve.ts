import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../core/paths';
import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';
import { UsageError } from '../errors';


export const serveCommand: Command = {
  name: ['serve'],
  summary: 'Serve the Berth UI to a local browser (loopback only, per-run token)',
  usage: 'serve [OPTIONS]',
  help: [
    'Options:',
    '      --port N           Port on 127.0.0.1 (default: a free one)',
    '      --renderer DIR     Built renderer to serve (default: out/renderer)',
    '      --print-url-json   Print {"url":…} as one JSON line when ready (for tools)',
    '      --open             Open the URL in the default browser',
  ].join('\n'),
  async run(ctx, argv) {
    const { values, positionals } = parseFlags('serve', argv, {
      port: { type: 'string' },
      renderer: { type: 'string' },
      'print-url-json': { type: 'boolean' },
      open: { type: 'boolean' },
    });
    requireArgs('serve', positionals, { exactly: 0 });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid port: ${values.port}`, 'serve');
    const core = await ctx.core();
    core.watchSources?.(); // a window is watching: follow engines' events and reconnect them
    const { startHost } = await import('../../host/index'); // the web server and ws: only here
    const host = await startHost({ core, rendererDir: values.renderer ?? locateRenderer(), port });
    if (values['print-url-json']) ctx.out(`${JSON.stringify({ url: host.url, port: host.port })}\n`);
    else ctx.out(`Berth is serving on ${host.url}\nOpen that address in a browser on this machine. Ctrl-C stops it.\n`);
    if (values.open) openInBrowser(host.url);
    await waitForSignal();
    await host.close();
    return 0;
  },
};

function locateRenderer(): string {
  return path.join(packageRoot(path.dirname(fileURLToPath(import.meta.url))), 'out', 'renderer');
}

function openInBrowser(url: string): void {
  import('node:child_process').then(({ spawn }) => {
    const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
    spawn(cmd, [url], { stdio: 'ignore', detached: true }).on('error', () => {}).unref();
  });
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

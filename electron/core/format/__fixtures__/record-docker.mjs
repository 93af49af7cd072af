#!/usr/bin/env node
// Records what the real docker CLI prints for our template and table cases, so
// the unit tests compare Berth's formatter with Docker itself, not with our
// own idea of it. Needs a `docker` client binary (no daemon: this script
// serves the few Engine API endpoints the CLI calls on a private unix socket).
//   node electron/core/format/__fixtures__/record-docker.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMAGE, INSPECT_CASES, LIST, SEARCH, TABLE_CASES, SEARCH_CASES } from './docker-cases.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-docker-rec-'));
const sock = path.join(dir, 'docker.sock');

const server = http.createServer((req, res) => {
  const p = new URL(req.url, 'http://d').pathname.replace(/^\/v[0-9.]+/, '');
  res.setHeader('API-Version', '1.50');
  res.setHeader('OSType', 'linux');
  res.setHeader('Content-Type', 'application/json');
  if (p === '/_ping') return res.end('OK');
  if (p === '/images/json') return res.end(JSON.stringify(LIST));
  if (p === '/images/search') return res.end(JSON.stringify(SEARCH));
  if (p === '/images/foo/json') return res.end(JSON.stringify(IMAGE));
  res.statusCode = 404;
  res.end(JSON.stringify({ message: `No such image: ${p}` }));
});
await new Promise((r) => server.listen(sock, r));

const env = { ...process.env, DOCKER_HOST: `unix://${sock}`, DOCKER_CONFIG: path.join(dir, 'cfg') };
async function docker(args) {
  const r = await new Promise((resolve) => {
    import('node:child_process').then(({ execFile }) => {
      execFile('docker', args, { env, encoding: 'utf8' }, (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      });
    });
  });
  return r;
}

const version = execFileSync('docker', ['--version'], { encoding: 'utf8' }).trim();
const out = { docker: version, image: IMAGE, list: LIST, search: SEARCH, inspect: [], tables: [], searches: [] };
for (const format of INSPECT_CASES) {
  const r = await docker(['image', 'inspect', '-f', format, 'foo']);
  out.inspect.push({ format, ...r });
}
for (const format of TABLE_CASES) {
  const r = await docker(['images', '--format', format]);
  out.tables.push({ format, ...r });
}
for (const args of SEARCH_CASES) {
  const r = await docker(['search', ...args, 'term']);
  out.searches.push({ args, ...r });
}
server.close();
fs.rmSync(dir, { recursive: true, force: true });
fs.writeFileSync(path.join(here, 'docker-golden.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`recorded ${out.inspect.length} inspect, ${out.tables.length} table, ${out.searches.length} search cases with ${version}`);

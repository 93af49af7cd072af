import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectCandidates, wellKnownSockets } from './detect';

let dir: string;
let server: Server;
let socket: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'berth-detect-'));
  socket = path.join(dir, 'podman.sock');
  server = createServer();
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  writeFileSync(path.join(dir, 'not-a-socket.sock'), '');
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('engine detection', () => {
  it('lists DOCKER_HOST first, then well-known sockets that exist, then configured endpoints, once each', () => {
    const env = { DOCKER_HOST: 'tcp://localhost:2375', BERTH_ENGINE_SOCKETS: `${socket}:${path.join(dir, 'not-a-socket.sock')}:${path.join(dir, 'absent.sock')}` };
    expect(detectCandidates(env, [`unix://${socket}`, 'unix:///tmp/other.sock'])).toEqual([
      { id: 'tcp://127.0.0.1:2375', origin: 'env', kind: 'docker' },
      { id: `unix://${socket}`, origin: 'detected', kind: 'podman' },
      { id: 'unix:///tmp/other.sock', origin: 'configured', kind: 'docker' },
    ]);
  });

  it('ignores a DOCKER_HOST it cannot use rather than failing the whole list', () => {
    const env = { DOCKER_HOST: 'ssh://me@box', BERTH_ENGINE_SOCKETS: '' };
    expect(detectCandidates(env, [])).toEqual([]);
    expect(detectCandidates({ DOCKER_HOST: 'tcp://192.168.1.5:2375', BERTH_ENGINE_SOCKETS: '' }, [])).toEqual([]);
  });

  it("knows Docker's and Podman's rootful and rootless sockets", () => {
    const list = wellKnownSockets({ HOME: '/home/u', XDG_RUNTIME_DIR: '/run/user/1000' });
    expect(list).toEqual(
      expect.arrayContaining(['/var/run/docker.sock', '/run/podman/podman.sock', '/run/user/1000/podman/podman.sock', '/home/u/.docker/run/docker.sock']),
    );
    expect(wellKnownSockets({ BERTH_ENGINE_SOCKETS: '' })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseEndpoint } from './endpoint';

describe('engine endpoints (docker -H)', () => {
  it('reads unix sockets and loopback TCP, in one canonical spelling', () => {
    expect(parseEndpoint('unix:///var/run//docker.sock')).toEqual({ kind: 'unix', id: 'unix:///var/run/docker.sock', socketPath: '/var/run/docker.sock' });
    expect(parseEndpoint('/run/podman/podman.sock').id).toBe('unix:///run/podman/podman.sock');
    expect(parseEndpoint('tcp://localhost:2376')).toEqual({ kind: 'tcp', id: 'tcp://127.0.0.1:2376', host: '127.0.0.1', port: 2376 });
    expect(parseEndpoint('tcp://127.0.0.1').id).toBe('tcp://127.0.0.1:2375');
    expect(parseEndpoint('tcp://[::1]:2375').id).toBe('tcp://[::1]:2375');
  });

  it('refuses other machines, TLS-less remote TCP and unknown schemes, saying why', () => {
    expect(() => parseEndpoint('tcp://10.0.0.5:2375')).toThrow(/only loopback TCP addresses are allowed/);
    expect(() => parseEndpoint('ssh://me@box')).toThrow(/ssh:\/\/ engine hosts are not supported/);
    expect(() => parseEndpoint('unix://relative.sock')).toThrow(/must be absolute/);
    expect(() => parseEndpoint('tcp://127.0.0.1:99999')).toThrow(/port must be 1-65535/);
    expect(() => parseEndpoint('docker.sock')).toThrow(/expected unix:\/\/\/path/);
    expect(() => parseEndpoint('gopher://x')).toThrow(/unsupported protocol 'gopher'/);
  });
});

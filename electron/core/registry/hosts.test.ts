import { describe, expect, it } from 'vitest';
import { isInsecureRegistry, isLoopbackHost, registryBaseUrl, splitHostPort } from './hosts';

describe('registry hosts', () => {
  it('maps Docker Hub to registry-1 or BERTH_HUB_REGISTRY_URL', () => {
    expect(registryBaseUrl('docker.io', { env: {} })).toBe('https://registry-1.docker.io');
    expect(registryBaseUrl('index.docker.io', { env: { BERTH_HUB_REGISTRY_URL: 'http://127.0.0.1:9/' } })).toBe('http://127.0.0.1:9');
  });

  it('uses plain HTTP for loopback like Docker, HTTPS elsewhere', () => {
    expect(registryBaseUrl('127.0.0.1:5000', { env: {} })).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('127.8.9.10', { env: {} })).toBe('http://127.8.9.10');
    expect(registryBaseUrl('localhost:5000', { env: {} })).toBe('http://localhost:5000');
    expect(registryBaseUrl('[::1]:5000', { env: {} })).toBe('http://[::1]:5000');
    expect(registryBaseUrl('registry.example:5000', { env: {} })).toBe('https://registry.example:5000');
    expect(registryBaseUrl('128.0.0.1', { env: {} })).toBe('https://128.0.0.1');
    expect(isLoopbackHost('localhost.example')).toBe(false);
  });

  it('treats other registries as insecure only when configured', () => {
    expect(isInsecureRegistry('reg.lan:5000', { env: {} })).toBe(false);
    expect(isInsecureRegistry('reg.lan:5000', { env: { BERTH_INSECURE_REGISTRIES: 'a:1, reg.lan:5000' } })).toBe(true);
    expect(isInsecureRegistry('reg.lan:5001', { insecureRegistries: ['reg.lan:5000'], env: {} })).toBe(false);
    expect(isInsecureRegistry('reg.lan:5001', { insecureRegistries: ['reg.lan'], env: {} })).toBe(true);
    expect(isInsecureRegistry('10.1.2.3:5000', { insecureRegistries: ['10.0.0.0/8'], env: {} })).toBe(true);
    expect(isInsecureRegistry('11.1.2.3:5000', { insecureRegistries: ['10.0.0.0/8'], env: {} })).toBe(false);
  });

  it('splits host and port including IPv6 forms', () => {
    expect(splitHostPort('[::1]:5000')).toEqual({ hostname: '::1', port: '5000' });
    expect(splitHostPort('::1')).toEqual({ hostname: '::1', port: undefined });
    expect(splitHostPort('a.b')).toEqual({ hostname: 'a.b', port: undefined });
  });
});

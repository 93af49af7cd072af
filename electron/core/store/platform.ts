import type { Platform } from './oci';

const ARCH: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };

/** The platform this process would pull for, in OCI terms (linux/amd64, linux/arm64/v8). */
export function hostPlatform(): Platform {
  const architecture = ARCH[process.arch] ?? process.arch;
  const os = process.platform === 'win32' ? 'windows' : 'linux';
  return architecture === 'arm64' ? { os, architecture, variant: 'v8' } : { os, architecture };
}

/** Higher is better: exact os/arch first, then same os, then anything (entries without a platform last). */
export function platformScore(p: Platform | undefined, host: Platform = hostPlatform()): number {
  if (!p) return 0;
  if (p.os !== host.os) return 1;
  if (p.architecture !== host.architecture) return 2;
  return 3;
}

export function formatPlatform(p: { os?: string; architecture?: string; variant?: string }): string {
  return [p.os ?? '', p.architecture ?? '', p.variant].filter((x) => x !== undefined && x !== '').join('/');
}

/**
 * Platform normalization and matching with containerd's `platforms.Only`
 * semantics: the wanted platform first, then what it can also run (arm64 v8.x
 * accepts lower v8 minors and arm v8..v5; arm vN accepts down to v5; amd64 vN
 * accepts lower levels and 386). Index entries without a platform match last.
 */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export function normalizePlatform(p: Platform): Platform {
  const os = p.os.toLowerCase() === 'macos' ? 'darwin' : p.os.toLowerCase();
  let arch = p.architecture.toLowerCase();
  let variant = (p.variant ?? '').toLowerCase();
  switch (arch) {
    case 'i386':
      arch = '386';
      variant = '';
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      arch = 'amd64';
      if (variant === 'v1') variant = '';
      break;
    case 'aarch64':
    case 'arm64':
      arch = 'arm64';
      if (variant === '8' || variant === 'v8') variant = '';
      break;
    case 'armhf':
      arch = 'arm';
      variant = 'v7';
      break;
    case 'armel':
      arch = 'arm';
      variant = 'v6';
      break;
    case 'arm':
      if (variant === '' || variant === '7') variant = 'v7';
      else if (['5', '6', '8'].includes(variant)) variant = 'v' + variant;
      break;
  }
  return variant === '' ? { os, architecture: arch } : { os, architecture: arch, variant };
}

function at(p: Platform, architecture: string, variant: string): Platform {
  return variant === '' ? { os: p.os, architecture } : { os: p.os, architecture, variant };
}

function versionOf(variant: string | undefined): number {
  return Number.parseInt((variant ?? '').replace(/^v/, ''), 10);
}

function arm64Vector(p: Platform): Platform[] {
  const variant = p.variant ?? 'v8';
  const out: Platform[] = [];
  const [majorText, minorText] = variant.replace(/^v/, '').split('.');
  let major = Number(majorText);
  let minor = minorText !== undefined && variant.length === 4 ? Number(minorText) || 0 : 0;
  if (major >= 8) {
    if (major === 9) {
      for (let m = minor - 1; m >= 0; m--) out.push(at(p, 'arm64', m === 0 ? 'v9' : `v9.${m}`));
      minor = Math.min(minor + 5, 9); // v9.x is compatible with v8.(x+5)
      major = 8;
      out.push(at(p, 'arm64', `v8.${minor}`));
    }
    for (let m = minor - 1; m >= 0; m--) out.push(at(p, 'arm64', m === 0 ? `v${major}` : `v${major}.${m}`));
  }
  const armVariant = variant.startsWith('v8.') || variant.startsWith('v9.') ? 'v8' : variant;
  return [...out, ...platformVector(at(p, 'arm', armVariant))];
}

/** What a host of platform p accepts, best first (containerd's platformVector). */
export function platformVector(p: Platform): Platform[] {
  const out: Platform[] = [p];
  if (p.architecture === 'amd64') {
    for (let v = versionOf(p.variant) - 1; v >= 1; v--) out.push(at(p, 'amd64', v === 1 ? '' : `v${v}`));
    out.push(at(p, '386', ''));
  } else if (p.architecture === 'arm') {
    for (let v = versionOf(p.variant) - 1; v >= 5; v--) out.push(at(p, 'arm', `v${v}`));
  } else if (p.architecture === 'arm64') {
    out.push(...arm64Vector(p));
  }
  return out;
}

function same(a: Platform, b: Platform): boolean {
  return a.os === b.os && a.architecture === b.architecture && (a.variant ?? '') === (b.variant ?? '');
}

/** Rank of candidate for wanted (0 = best), or -1 when it does not match. */
export function platformRank(wanted: Platform, candidate: Platform | undefined, vector = platformVector(normalizePlatform(wanted))): number {
  if (candidate === undefined) return vector.length;
  const c = normalizePlatform(candidate);
  return vector.findIndex((v) => same(v, c));
}

/** Indices of the entries that match wanted, best first; entries without a platform come last. */
export function matchPlatforms<T extends { platform?: Platform }>(wanted: Platform, entries: readonly T[]): T[] {
  const vector = platformVector(normalizePlatform(wanted));
  return entries
    .map((e, i) => ({ e, i, rank: platformRank(wanted, e.platform, vector) }))
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.e);
}

const NODE_ARCH: Record<string, Platform> = {
  x64: { os: 'linux', architecture: 'amd64' },
  arm64: { os: 'linux', architecture: 'arm64' },
  arm: { os: 'linux', architecture: 'arm', variant: 'v7' },
  ia32: { os: 'linux', architecture: '386' },
  ppc64: { os: 'linux', architecture: 'ppc64le' },
  s390x: { os: 'linux', architecture: 's390x' },
  riscv64: { os: 'linux', architecture: 'riscv64' },
};

/** The platform images run on here: always linux (containers are Linux images), host CPU. */
export function hostPlatform(arch: string = process.arch): Platform {
  return NODE_ARCH[arch] ?? { os: 'linux', architecture: arch };
}

/** "linux/arm64/v8" → Platform (os defaults to linux when only an arch is given). */
export function parsePlatform(spec: string): Platform {
  const parts = spec.trim().split('/');
  if (parts.length === 1) return normalizePlatform({ os: 'linux', architecture: parts[0] ?? '' });
  const [os = '', architecture = '', variant] = parts;
  return normalizePlatform({ os, architecture, ...(variant ? { variant } : {}) });
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter((s) => s).join('/');
}

/**
 * Entries ordered for the host: those it can run, best first (containerd's
 * order), then the rest. Used where something must be chosen even without a
 * match, e.g. which locally stored child of an index an image tag shows.
 */
export function byHostPreference<T extends { platform?: Platform }>(entries: readonly T[], host: Platform = hostPlatform()): T[] {
  const matching = matchPlatforms(host, entries);
  return [...matching, ...entries.filter((e) => !matching.includes(e))];
}

/**
 * Browsing a repository without pulling: its tags (every page), and what a
 * tag points at (platforms of an index, one platform's config, sizes,
 * labels, history).
 */
import type { MethodOutput } from '../../../shared/contract';
import { BerthError } from '../../../shared/errors';
import { familiarName, formatReference, parseNormalizedNamed, trimNamed, withDefaultTag } from '../reference';
import { inspectRemote, type RemoteImageInfo } from '../registry/inspect';
import { listTags } from '../registry/listing';
import { getManifest } from '../registry/manifests';
import { isIndexType } from '../registry/media-types';
import { hostPlatform, matchPlatforms, parsePlatform, type Platform } from '../platform';
import { manifestTarget } from '../registry/target';
import type { RemoteContext } from './context';

export async function repositoryTags(ctx: RemoteContext, repository: string): Promise<MethodOutput<'registry.tags'>> {
  const ref = trimNamed(parseNormalizedNamed(repository));
  const client = await ctx.client(ref.domain);
  try {
    const tags = await listTags(client, ref.path, { name: familiarName(ref), pageSize: 1000 });
    return { repository: familiarName(ref), tags };
  } finally {
    await client.close();
  }
}

/** Real platforms of an index (attestation entries say unknown/unknown). */
function realPlatforms(info: Pick<RemoteImageInfo, 'platforms'>): NonNullable<RemoteImageInfo['platforms']> {
  return (info.platforms ?? []).filter((p) => p.platform && p.platform.os !== 'unknown' && p.platform.architecture !== 'unknown');
}

export async function inspectRemoteImage(ctx: RemoteContext, input: { ref: string; platform?: string | undefined }): Promise<MethodOutput<'registry.inspect'>> {
  const ref = withDefaultTag(parseNormalizedNamed(input.ref));
  const target = manifestTarget(ref);
  const client = await ctx.client(ref.domain);
  try {
    let platform: Platform | undefined = input.platform ? parsePlatform(input.platform) : undefined;
    if (!platform) {
      // Show the host's platform when the index has it, else its first one: details, not a pull.
      const root = await getManifest(client, target);
      if (isIndexType(root.mediaType)) {
        const entries = realPlatforms({ platforms: (root.json.manifests ?? []).map((d) => ({ ...d, size: d.size })) });
        platform = matchPlatforms(hostPlatform(), entries)[0]?.platform ?? entries[0]?.platform;
        if (!platform) throw new BerthError('NOT_FOUND', `no matching manifest for ${formatReference(ref)} in the manifest list entries`);
      }
    }
    const info = await inspectRemote(client, target, platform ? { platform } : {});
    return remoteImageView(formatReference(ref), info);
  } finally {
    await client.close();
  }
}

export function remoteImageView(reference: string, info: RemoteImageInfo): MethodOutput<'registry.inspect'> {
  return {
    reference,
    digest: info.digest,
    mediaType: info.mediaType,
    platforms: realPlatforms(info).map((p) => ({
      os: p.platform!.os,
      architecture: p.platform!.architecture,
      ...(p.platform!.variant ? { variant: p.platform!.variant } : {}),
      digest: p.digest,
      size: p.size,
    })),
    image: {
      digest: info.manifest.digest,
      configDigest: info.config.digest,
      os: info.os,
      architecture: info.architecture,
      ...(info.variant ? { variant: info.variant } : {}),
      created: info.created ?? null,
      compressedSize: info.compressedSize,
      layers: info.layers.map((l) => ({ digest: l.digest, size: l.size, mediaType: l.mediaType })),
      labels: info.labels ?? {},
      history: info.history.map((h) => ({ created: h.created ?? null, createdBy: h.created_by ?? '', emptyLayer: h.empty_layer ?? false })),
    },
  };
}

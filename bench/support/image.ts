/**
 * A synthetic multi-layer image for the transfer benchmarks, written as an OCI
 * layout tagged `bench`: each layer mixes pseudo-random (incompressible) and
 * repeated-text (compressible) 1 MiB files.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** Layer sizes in MiB of files: BERTH_BENCH_LAYERS="200,8" overrides the default. */
export function layerSizes(fallback: string): number[] {
  return (process.env.BERTH_BENCH_LAYERS ?? fallback).split(',').map(Number);
}

async function layerTar(mb: number, seed: number): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  for (let i = 0; i < mb; i++) {
    const random = i % 2 === 0;
    const body = random ? randomBytes(1 << 20) : Buffer.from(`layer ${seed} line ${i} `.repeat(1 << 16).slice(0, 1 << 20));
    pack.entry({ name: `data/${seed}/f${i}.${random ? 'bin' : 'txt'}`, size: body.length, mtime: new Date(0) }, body);
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Writes the image; returns the compressed bytes of its layers. */
export async function writeBenchLayout(dir: string, layerMb: readonly number[], gzipLevel: number): Promise<number> {
  await mkdir(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = async (b: Buffer): Promise<{ digest: string; size: number }> => {
    const digest = sha256(b);
    await writeFile(path.join(dir, 'blobs', 'sha256', digest.slice(7)), b);
    return { digest, size: b.length };
  };
  const layers = [];
  const diffIds = [];
  for (const [i, mb] of layerMb.entries()) {
    const t = await layerTar(mb, i);
    diffIds.push(sha256(t));
    layers.push({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...(await put(gzipSync(t, { level: gzipLevel }))) });
  }
  const config = await put(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds }, config: {} })));
  const manifest = await put(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config }, layers })));
  const ref = { mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: { 'org.opencontainers.image.ref.name': 'bench' } };
  await writeFile(path.join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [ref] }));
  await writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  return layers.reduce((n, l) => n + l.size, 0);
}

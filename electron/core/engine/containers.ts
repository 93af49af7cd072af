/**
 * An engine's containers as far as images care (which containers use an
 * image), and `docker commit` of a container to a new image.
 */
import type { CommitResult, ContainerRow } from '../../../shared/schemas';
import { parseTagTarget } from '../images';
import { familiarName, formatReference } from '../reference';
import type { EngineClient } from './client';
import { fetchContainers, normalizeId, rfc3339, type ContainerSummary } from './image-model';
import { imagePath } from './image-lookup';
import type { EngineHandlers } from './types';

export function engineContainerHandlers(client: EngineClient): Pick<EngineHandlers, 'containers.list' | 'containers.commit'> {
  return {
    'containers.list': ({ image }) => listContainers(client, image),
    'containers.commit': (input) => commit(client, input),
  };
}

/**
 * All containers, or those created from one image. The image is resolved to
 * its ID first: the engines' `ancestor` filter also matches containers of
 * images built on top of it.
 */
async function listContainers(client: EngineClient, image: string | undefined): Promise<ContainerRow[]> {
  const [containers, imageId] = await Promise.all([
    fetchContainers(client),
    image === undefined ? undefined : client.json<{ Id: string }>({ path: `/images/${imagePath(image)}/json` }).then((d) => normalizeId(d.Id)),
  ]);
  return containers.filter((c) => imageId === undefined || normalizeId(c.ImageID ?? '') === imageId).map(containerRow);
}

export function containerRow(c: ContainerSummary): ContainerRow {
  return {
    id: c.Id,
    names: (c.Names ?? []).map((n) => n.replace(/^\//, '')),
    image: c.Image ?? '',
    imageId: normalizeId(c.ImageID ?? ''),
    command: c.Command ?? '',
    created: rfc3339(c.Created ?? 0),
    state: c.State ?? '',
    status: c.Status ?? '',
  };
}

interface CommitInput {
  container: string;
  reference?: string | undefined;
  author?: string | undefined;
  message?: string | undefined;
  changes: readonly string[];
  pause: boolean;
}

/**
 * POST /commit as the docker CLI sends it: repo and tag split from the
 * reference (checked by Berth's parser first, so a bad one fails the same way
 * as `tag`), one `changes` parameter per change (dockerd 20.10 and podman 4.3
 * also take them newline-joined), and a JSON body, which podman requires even
 * when there is no config to merge.
 */
async function commit(client: EngineClient, input: CommitInput): Promise<CommitResult> {
  const ref = input.reference === undefined ? null : parseTagTarget(input.reference, input.reference);
  const answer = await client.json<{ Id: string }>({
    method: 'POST',
    path: '/commit',
    query: {
      container: input.container,
      repo: ref ? familiarName(ref) : undefined,
      tag: ref ? (ref.tag ?? 'latest') : undefined,
      author: input.author,
      comment: input.message,
      pause: input.pause,
      changes: input.changes.length > 0 ? input.changes : undefined,
    },
    json: {},
    timeoutMs: 600_000,
  });
  return { id: normalizeId(answer.Id), reference: ref ? formatReference(ref) : null };
}

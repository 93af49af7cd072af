import { readFileSync } from 'node:fs';
import type { ContainerRow, HistoryRow, ImageRow, InspectDoc } from '../../../shared/index';

/**
 * The images of docker-28/README.md as Berth's contract carries them: what a
 * core holding the same images answers. Rows are in the order Docker listed them.
 */

export const RECORDED_AT = 1796131889 * 1000;
export const RECORDED_ENV = { TZ: 'Europe/Berlin' };

export const ID = {
  app: 'sha256:d750e4b3c32d75a7e7c6f15b41b15f78a9d48468b6fbfe5fa7fa83194c2d109a',
  tool: 'sha256:e8e352d9e6b9b9426b2824a1962bcfb0b162405678351a5731ff0fea395ab68a',
  old: 'sha256:19fb1369ac311718b657d8bd358b05eefa47699734ad78d500fc9e5572570188',
  gone: 'sha256:05c347bb4ce33bf9daff64c1810ec02f8b2adc45a6e320edf04ea8729c75853a',
};

const APP_DIGEST = 'sha256:da92e2d48ba0fe11c6a5b3d1afe13c7921e2539bf4f11fa7f69d65d4b816d833';
const TOOL_DIGEST = 'sha256:e41a9b31dde412dff823657df15d29dfe7f03450a6720c568d633d95065e3735';

function row(r: Partial<ImageRow> & Pick<ImageRow, 'id' | 'repository' | 'tag' | 'created' | 'size'>): ImageRow {
  const reference = r.tag === '<none>' ? null : `${r.repository}:${r.tag}`;
  return { reference, digest: null, platform: 'linux/amd64', labels: {}, dangling: false, ...r };
}

const gone = { id: ID.gone, created: '2026-11-30T08:00:00Z', size: 2048 };
const tool = { id: ID.tool, created: '2025-06-01T12:30:00Z', size: 5_610_000, labels: { 'peers.kind': 'tool' } };
const app = {
  id: ID.app,
  created: '2024-01-01T00:00:00Z',
  size: 1_258_567,
  labels: { 'org.opencontainers.image.title': 'app', 'peers.kind': 'test' },
};
const old = { id: ID.old, created: '1999-06-01T00:00:00Z', size: 100 };

export const IMAGE_ROWS: ImageRow[] = [
  row({ ...gone, repository: '<none>', tag: '<none>', dangling: true }),
  row({ ...tool, repository: 'peers/tool', tag: 'latest', reference: 'docker.io/peers/tool:latest' }),
  row({ ...tool, repository: 'peers/tool', tag: 'v2', reference: 'docker.io/peers/tool:v2' }),
  row({ ...tool, repository: '127.0.0.1:5077/peers/tool', tag: '<none>', digest: TOOL_DIGEST }),
  row({ ...app, repository: '127.0.0.1:5077/peers/app', tag: '1.0', digest: APP_DIGEST }),
  row({ ...app, repository: 'peers/app', tag: '1.0', reference: 'docker.io/peers/app:1.0' }),
  row({ ...app, repository: 'peers/gone', tag: '1', reference: 'docker.io/peers/gone:1' }),
  row({ ...old, repository: 'peers/old', tag: '1', reference: 'docker.io/peers/old:1' }),
];

export function imageList(rows: ImageRow[] = IMAGE_ROWS) {
  const ids = new Set(rows.map((r) => r.id));
  const sizes = new Map(rows.map((r) => [r.id, r.size]));
  return { rows, imageCount: ids.size, totalSize: [...sizes.values()].reduce((a, b) => a + b, 0) };
}

export const HISTORY: Record<'app' | 'tool' | 'old', HistoryRow[]> = {
  app: [
    { id: ID.app, created: '2024-01-01T00:00:00Z', createdBy: '/bin/sh -c #(nop)  CMD ["sh"]', size: 0, comment: '', emptyLayer: true },
    {
      id: '<missing>',
      created: '2024-01-01T00:00:00Z',
      createdBy: '/bin/sh -c echo "hello berth" > /etc/motd &&\tcat /etc/motd <done>',
      size: 24_000,
      comment: 'motd & more',
      emptyLayer: false,
    },
    {
      id: '<missing>',
      created: '2023-12-01T10:00:00Z',
      createdBy: '/bin/sh -c #(nop) ADD file:0123456789abcdef0123456789abcdef in /bin/tool ',
      size: 1_234_567,
      comment: '',
      emptyLayer: false,
    },
  ],
  tool: [
    {
      id: ID.tool,
      created: '2025-06-01T12:30:00Z',
      createdBy: 'COPY usr/bin/tool /usr/bin/tool # 中文字符的命令行说明很长很长很长很长很长',
      size: 5_610_000,
      comment: 'buildkit.dockerfile.v0',
      emptyLayer: false,
    },
  ],
  old: [{ id: ID.old, created: '1999-06-01T00:00:00Z', createdBy: '/bin/sh -c true', size: 100, comment: '', emptyLayer: false }],
};

const here = new URL('./docker-28/', import.meta.url);

/** What Docker printed for one recorded command (docker-28/NAME.txt). */
export function recorded(name: string): string {
  return readFileSync(new URL(`${name}.txt`, here), 'utf8');
}

function inspectDoc(name: string): InspectDoc {
  return JSON.parse(readFileSync(new URL(`api-inspect-${name}.json`, here), 'utf8')) as InspectDoc;
}

export const INSPECT: Record<'app' | 'old', InspectDoc> = { app: inspectDoc('app'), old: inspectDoc('old') };

/** The instant `docker ps` was recorded (docker-28/README.md), between its two clock readings. */
export const PS_RECORDED_AT = 1796140696 * 1000 + 500;

interface ApiContainer {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  State: string;
  Status: string;
}

/** The recorded engine's containers as the contract carries them (newest first, as the engine listed them). */
export const CONTAINER_ROWS: ContainerRow[] = (
  JSON.parse(readFileSync(new URL('api-containers.json', here), 'utf8')) as ApiContainer[]
).map((c) => ({
  id: c.Id,
  names: c.Names.map((n) => n.replace(/^\//, '')),
  image: c.Image,
  imageId: c.ImageID,
  command: c.Command,
  created: new Date(c.Created * 1000).toISOString(),
  state: c.State,
  status: c.Status,
}));

/** OCI/Docker JSON shapes the registry client reads. */
import type { Platform } from '../platform';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  annotations?: Record<string, string>;
  urls?: string[];
  artifactType?: string;
}

/** A manifest or an index/manifest list, as parsed (fields optional: validated where used). */
export interface ManifestJson {
  schemaVersion?: number;
  mediaType?: string;
  artifactType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
  annotations?: Record<string, string>;
  subject?: Descriptor;
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** The image config blob, as far as inspect needs it. */
export interface ImageConfigJson {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  author?: string;
  config?: { Labels?: Record<string, string> | null; Env?: string[]; Cmd?: string[]; Entrypoint?: string[]; WorkingDir?: string; User?: string };
  rootfs?: { type?: string; diff_ids?: string[] };
  history?: HistoryEntry[];
}

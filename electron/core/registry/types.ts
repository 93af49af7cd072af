/** OCI/Docker JSON shapes the registry client reads. */
import type { Descriptor, HistoryEntry } from '../oci';

export type { Descriptor, HistoryEntry };

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

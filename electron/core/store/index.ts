/** The embedded OCI image-layout store. */
export { Store, type StoreChange } from './store';
export { createImage, type CreateImageInput, type CreatedImage } from './create-image';
export { Lease } from './leases';
export type { BlobRef, BlobSource, IngestOptions } from './blobs';
export { reachableBlobs, type GcResult } from './gc';
export type { LayerMeta, ImageMeta, StoreMeta } from './meta';
export type { Snapshot, StoreImage, StoreLayer, BrokenTop } from './snapshot';
export { chainIDs, refName } from './snapshot';
export type { Txn } from './txn';
export { measureLayerFile } from './layer-size';
export { MEDIA, REF_NAME } from './oci';
export type { ConfigDoc, Descriptor, IndexDoc, ManifestDoc, Platform, HistoryEntry } from './oci';
export { goTime, GO_ZERO_TIME, nowGoTime, type GoTime } from './gotime';
export { formatPlatform, hostPlatform } from './platform';
export { crashPoint } from './crash-point';

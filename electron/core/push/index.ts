/** Push from the store to a registry, as a job. */
export { planPush, type PushRequest } from './push-job';
export { pushTag, PARTIAL_INDEX_NOTE, type TagPushed } from './push-tag';
export { pushBlob, type BlobPush } from './push-blob';
export { localTags, pushSource } from './local-image';
export { mountSources } from './mount-sources';

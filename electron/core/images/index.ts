/** Docker's image commands on the embedded store. */
export { listImages, expandRows, LIST_FILTERS, type ListInput, type RowBase } from './list';
export { inspectImage, inspectDoc } from './inspect';
export { formatImage, formatInspectDoc } from './format';
export { imageHistory } from './history';
export { tagImage, parseTagTarget, type TagResult } from './tag';
export { removeImages, isIdPrefix, isSingleReference, type RemoveInput } from './remove';
export { pruneImages, PRUNE_FILTERS, type PruneInput } from './prune';
export { lookupImage, notFoundName, canonical, type Found, type LookupImage, type LookupSource } from './lookup';
export { parseReferenceInfo } from './parse-reference';

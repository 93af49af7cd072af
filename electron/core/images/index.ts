/** Docker's image commands on the embedded store. */
export { listImages, LIST_FILTERS, type ListInput } from './list';
export { inspectImage, inspectDoc } from './inspect';
export { formatImage } from './format';
export { imageHistory } from './history';
export { tagImage, parseTagTarget, type TagResult } from './tag';
export { removeImages, type RemoveInput } from './remove';
export { pruneImages, PRUNE_FILTERS, type PruneInput } from './prune';
export { lookupImage, notFoundName, type Found } from './lookup';
export { parseReferenceInfo } from './parse-reference';

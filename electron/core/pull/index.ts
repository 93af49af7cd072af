/** Pull (and, with push/, push) as jobs on the store and the registry client. */
export { createTransfers, type Transfers, type TransfersOptions, type TransferMethod } from './transfers';
export { TransferContext, inSlot, type TransferLimits } from './context';
export { planPull, type PullRequest, type PlannedJob } from './pull-job';
export { pullReference, type ReferencePulled } from './pull-reference';
export { SingleFlight } from './single-flight';
export { shortId } from './layer-ids';

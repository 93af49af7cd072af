/** Job runner: ids, whole-snapshot progress events, cancellation, concurrency limits, history. */
export { JobRunner, type JobRunnerOptions, type JobWork } from './runner';
export { JobRecord, BYTE_UPDATE_INTERVAL_MS, type JobReporter, type JobResult } from './job-record';
export { Throttle } from './throttle';
export { newJobId } from './ids';

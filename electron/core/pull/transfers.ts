/**
 * The contract's pull, push and jobs methods: requests are checked, then run
 * as jobs whose id comes back at once; progress goes out as 'job.updated'.
 */
import type { Handlers } from '../api/dispatch';
import type { EventBus } from '../events';
import { JobRunner, type JobRunnerOptions } from '../jobs';
import { planPush } from '../push/push-job';
import { RemoteContext } from '../remote';
import type { Store } from '../store';
import { TransferContext, type TransferLimits } from './context';
import { planPull } from './pull-job';

export type TransferMethod = 'images.pull' | 'images.push' | 'jobs.list' | 'jobs.cancel';

export interface TransfersOptions extends JobRunnerOptions {
  remote?: RemoteContext;
  limits?: TransferLimits;
}

export interface Transfers {
  readonly runner: JobRunner;
  readonly context: TransferContext;
  readonly handlers: Pick<Handlers, TransferMethod>;
  /** Cancels running jobs and waits for them to end. */
  close(): Promise<void>;
}

export function createTransfers(store: Store, bus: EventBus, opts: TransfersOptions = {}): Transfers {
  const runner = new JobRunner(bus, opts);
  const context = new TransferContext(store, opts.remote ?? new RemoteContext(), opts.limits);
  const handlers: Pick<Handlers, TransferMethod> = {
    'images.pull': async (input) => {
      const plan = planPull(context, input);
      return { jobId: runner.start('pull', plan.title, plan.work).id };
    },
    'images.push': async (input) => {
      const plan = planPush(context, input);
      return { jobId: runner.start('push', plan.title, plan.work).id };
    },
    'jobs.list': async () => runner.list(),
    'jobs.cancel': async ({ id }) => ({ cancelled: runner.cancel(id) }),
  };
  return { runner, context, handlers, close: () => runner.close() };
}

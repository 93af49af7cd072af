import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BerthError } from '../../../../shared/index';
import { api } from '../../api/index';
import { useToasts } from '../../state/toasts';

export type PullState = { state: 'requesting' } | { state: 'requested'; jobId: string } | { state: 'failed'; message: string };

/**
 * Starts pulls as jobs (images.pull answers a job id at once); progress is
 * the Jobs view's business. Remembers what was asked per reference+platform.
 */
export function usePull(): { pulls: Record<string, PullState>; pull(ref: string, platform?: string): void } {
  const { t } = useTranslation();
  const push = useToasts((s) => s.push);
  const [pulls, setPulls] = useState<Record<string, PullState>>({});
  const pull = (ref: string, platform?: string): void => {
    const key = pullKey(ref, platform);
    const label = platform ? `${ref} (${platform})` : ref;
    setPulls((p) => ({ ...p, [key]: { state: 'requesting' } }));
    api
      .call('images.pull', { ref, ...(platform ? { platform } : {}) })
      .then(({ jobId }) => {
        setPulls((p) => ({ ...p, [key]: { state: 'requested', jobId } }));
        push({ kind: 'success', title: t('registry.pull.started', { ref: label }) });
      })
      .catch((e: unknown) => {
        const message = e instanceof BerthError ? e.message : String(e);
        setPulls((p) => ({ ...p, [key]: { state: 'failed', message } }));
        push({ kind: 'error', title: t('registry.pull.failed', { ref: label }), description: message });
      });
  };
  return { pulls, pull };
}

export function pullKey(ref: string, platform?: string): string {
  return platform ? `${ref}\n${platform}` : ref;
}

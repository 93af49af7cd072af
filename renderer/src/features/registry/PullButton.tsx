import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNav } from '../../state/nav';
import { pullKey, type PullState } from './usePull';

/** A Pull button that turns into what became of the request, with a way to the Jobs view. */
export function PullButton(props: {
  reference: string;
  platform?: string;
  pulls: Record<string, PullState>;
  pull(ref: string, platform?: string): void;
}): ReactElement {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  const state = props.pulls[pullKey(props.reference, props.platform)];
  const label = props.platform ? `${props.reference} (${props.platform})` : props.reference;
  return (
    <span className="pull-cell">
      <button
        type="button"
        className="small-button"
        disabled={state?.state === 'requesting'}
        aria-label={t('registry.pull.aria', { ref: label })}
        data-testid="pull-button"
        onClick={() => props.pull(props.reference, props.platform)}
      >
        {t('registry.pull.button')}
      </button>
      {state?.state === 'requested' && (
        <span className="pull-status" data-testid="pull-status" data-job-id={state.jobId}>
          {t('registry.pull.requested')}{' '}
          <button type="button" className="link-button" onClick={() => go('jobs')}>{t('registry.pull.openJobs')}</button>
        </span>
      )}
      {state?.state === 'failed' && (
        <span className="pull-status pull-failed" data-testid="pull-failed" title={state.message}>{t('registry.pull.notStarted')}</span>
      )}
    </span>
  );
}

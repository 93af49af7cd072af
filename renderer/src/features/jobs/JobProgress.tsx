import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job, LayerProgress } from '../../../../shared/index';
import { ProgressBar } from '../../components/ProgressBar';
import { humanSize } from '../images/format';
import { etaSeconds, percent, shortDuration } from './progress-math';
import { useJobs } from '../../state/jobs';

const DONE_PHASES = new Set(['Pull complete', 'Already exists', 'Download complete', 'Pushed', 'Layer already exists']);

/** A finished layer; a push's "Mounted from REPO" names its source, so it is matched by prefix. */
function isDone(phase: string): boolean {
  return DONE_PHASES.has(phase) || phase.startsWith('Mounted from ');
}

/** One job's progress: the overall bar with speed and time left, then one bar per layer in Docker's phases. */
export function JobProgress({ job, showLayers = true }: { job: Job; showLayers?: boolean }): ReactElement {
  const { t } = useTranslation();
  const running = job.state === 'running';
  const { current, total } = job.progress;
  const bps = useJobs((s) => s.rates[job.id] ?? null);
  const eta = etaSeconds(current, total, bps);
  const tone = job.state === 'failed' ? 'danger' : job.state === 'succeeded' ? 'success' : job.state === 'cancelled' ? 'muted' : 'accent';
  const value = total > 0 ? percent(current, total) : job.state === 'succeeded' ? 100 : running ? null : 0;
  return (
    <div className="job-progress" data-testid="job-progress" data-state={job.state}>
      <div className="job-overall">
        <ProgressBar value={value} tone={tone} label={t('jobs.overall')} />
        <div className="job-figures">
          <span>{total > 0 ? `${humanSize(current, 4)} / ${humanSize(total, 4)}` : t(`jobs.state.${job.state}`)}</span>
          {running && bps !== null && bps > 0 && <span>{t('jobs.speed', { speed: humanSize(bps, 3) })}</span>}
          {running && eta !== null && <span>{t('jobs.eta', { eta: shortDuration(eta) })}</span>}
        </div>
      </div>
      {showLayers && job.layers.length > 0 && (
        <ul className="layer-list" aria-label={t('jobs.layers')}>
          {job.layers.map((l) => <LayerLine key={l.digest || l.id} layer={l} />)}
        </ul>
      )}
    </div>
  );
}

function LayerLine({ layer }: { layer: LayerProgress }): ReactElement {
  const done = isDone(layer.phase);
  const value = done ? 100 : layer.total > 0 ? percent(layer.current, layer.total) : layer.phase === 'Waiting' ? 0 : null;
  return (
    <li className={`layer-line${done ? ' done' : ''}${layer.phase === 'Already exists' ? ' exists' : ''}`} data-testid="layer-line"
      data-phase={layer.phase}>
      <code className="layer-id">{layer.id}</code>
      <span className="layer-phase">{layer.phase}</span>
      <ProgressBar value={value} label={`${layer.id} ${layer.phase}`} tone={done ? 'success' : 'accent'} />
      <span className="layer-bytes">{layer.total > 0 && !done ? `${humanSize(layer.current, 4)}/${humanSize(layer.total, 4)}` : ''}</span>
    </li>
  );
}

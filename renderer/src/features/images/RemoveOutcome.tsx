import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRow, RemoveResult } from '../../../../shared/index';
import { WarningIcon } from '../../components/action-icons';
import { containersInConflict, isForceableConflict, isPodmanContainerConflict } from '../sources/source-logic';
import { ContainerList } from '../sources/ContainerList';
import { recordLines } from './records';

/**
 * What images.remove did: Docker's record lines, then every failure in
 * Docker's words (an engine's own, containers named). A "must be forced"
 * conflict gets Docker's choices: force (untag every reference and delete),
 * or untag only the tags that were chosen when no container holds the image.
 * Containers an engine removes with the images (podman's forced rmi) are named.
 */
export function RemoveOutcome(props: {
  result: RemoveResult;
  rows: ImageRow[];
  /** The result is a dry run's: what would happen. */
  preview?: boolean;
  onForce(args: string[]): void;
  onUntagOnly(refs: string[]): void;
}): ReactElement {
  const { t } = useTranslation();
  const { result, rows } = props;
  const conflicts = result.failures.filter((f) => f.code === 'CONFLICT' && isForceableConflict(f.message));
  const blockers = [...new Set(result.failures.flatMap((f) => containersInConflict(f.message)))];
  const byContainer = conflicts.some((c) => containersInConflict(c.message).length > 0);
  const chosenRefs = byContainer ? [] : rows.filter((r) => conflicts.some((c) => c.ref === r.id) && r.reference !== null).map((r) => r.reference!);
  return (
    <div className="outcome" data-testid="delete-outcome">
      {result.records.length > 0 && (
        <ul className="record-list" data-testid="delete-records">
          {recordLines(result.records).map((l, i) => <li key={i} className="record">{l}</li>)}
        </ul>
      )}
      {result.failures.length > 0 && (
        <div className="failures" role="alert" data-testid="delete-failures">
          <p className="failures-title">{t('delete.failures', { count: result.failures.length })}</p>
          <ul>
            {result.failures.map((f) => <li key={f.ref} className="failure"><code>{f.message}</code></li>)}
          </ul>
        </div>
      )}
      {result.containersRemoved.length > 0 && <ContainerList ids={result.containersRemoved} role={props.preview ? 'wouldRemove' : 'removed'} />}
      {blockers.length > 0 && <ContainerList ids={blockers} role="blocking" />}
      {conflicts.length > 0 && (
        <div className="conflict-help" data-testid="conflict-help">
          <WarningIcon />
          <div>
            <p>{t(explanation(conflicts, byContainer))}</p>
            <div className="conflict-actions">
              <button type="button" className="button danger" data-testid="delete-force" onClick={() => props.onForce(conflicts.map((c) => c.ref))}>
                {t('delete.force', { count: conflicts.length })}
              </button>
              {chosenRefs.length > 0 && (
                <button type="button" className="button secondary" onClick={() => props.onUntagOnly(chosenRefs)}>
                  {t('delete.untagOnly', { count: chosenRefs.length })}
                </button>
              )}
            </div>
          </div>
        </div>
      )}
      {result.failures.length === 0 && result.records.length === 0 && <p>{t('delete.nothing')}</p>}
    </div>
  );
}

/** Which engine's rule the conflict help explains: podman's forced rmi removes the containers, dockerd's leaves them. */
function explanation(conflicts: RemoveResult['failures'], byContainer: boolean): string {
  if (!byContainer) return 'delete.conflictExplain';
  return conflicts.some((c) => isPodmanContainerConflict(c.message)) ? 'delete.podmanContainerExplain' : 'delete.containerExplain';
}

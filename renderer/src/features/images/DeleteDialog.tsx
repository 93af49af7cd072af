import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRow, RemoveResult } from '../../../../shared/index';
import { api } from '../../api/index';
import { Dialog } from '../../components/Dialog';
import { useKeyedCall } from '../../hooks/useKeyedCall';
import { asBerthError } from '../../lib/errors';
import { useCurrentSource, useSource } from '../../state/sources';
import { removalArgs } from './delete-plan';
import { humanSize } from './format';
import { RemoveOutcome } from './RemoveOutcome';

interface Request {
  args: string[];
  force: boolean;
}
type Phase = { step: 'confirm' } | { step: 'running' } | { step: 'done'; result: RemoveResult } | { step: 'error'; message: string };

/**
 * Delete (by image ID) or untag. The confirmation is the core's dry run of the
 * very call Confirm makes, so it lists exactly what will be untagged and
 * deleted and the bytes freed, and shows conflicts with Docker's choices first.
 */
export function DeleteDialog({ kind, rows, onClose }: { kind: 'delete' | 'untag'; rows: ImageRow[]; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  // Fixed when the dialog opens; live refreshes must not rewrite what is being confirmed.
  const [request, setRequest] = useState<Request>(() => ({ args: removalArgs(kind, rows), force: false }));
  const [phase, setPhase] = useState<Phase>({ step: 'confirm' });
  const source = useSource();
  const preview = useKeyedCall(JSON.stringify([source, request]), () =>
    api.call('images.remove', { source, refs: request.args, force: request.force, noPrune: false, dryRun: true }),
  );
  const run = async (req: Request): Promise<void> => {
    setPhase({ step: 'running' });
    try {
      setPhase({ step: 'done', result: await api.call('images.remove', { source, refs: req.args, force: req.force, noPrune: false }) });
    } catch (e) {
      setPhase({ step: 'error', message: asBerthError(e).message });
    }
  };
  const images = new Set(rows.map((r) => r.id)).size;
  const title = t(kind === 'delete' ? 'delete.title' : 'untag.lastTitle', { count: images });
  const confirming = phase.step === 'confirm' || phase.step === 'running';
  const ready = preview?.ok === true && preview.value.records.length > 0;
  return (
    <Dialog title={title} onClose={onClose} size="large" testId="delete-dialog"
      footer={
        confirming ? (
          <>
            <button type="button" className="button secondary" onClick={onClose}>{t('dialog.cancel')}</button>
            <button type="button" className="button danger" disabled={!ready || phase.step === 'running'} data-testid="delete-confirm"
              onClick={() => void run(request)}>
              {t(kind === 'delete' ? 'delete.confirm' : 'untag.confirm', { count: images })}
            </button>
          </>
        ) : (
          <button type="button" className="button secondary" onClick={onClose} data-testid="delete-close">{t('dialog.close')}</button>
        )
      }
    >
      {confirming && <Preview preview={preview} onChoose={setRequest} request={request} rows={rows} />}
      {phase.step === 'error' && <p className="field-error" role="alert">{phase.message}</p>}
      {phase.step === 'done' && (
        <RemoveOutcome result={phase.result} rows={rows}
          onForce={(ids) => void run({ args: ids, force: true })} onUntagOnly={(refs) => void run({ args: refs, force: false })} />
      )}
    </Dialog>
  );
}

function Preview(props: {
  preview: ReturnType<typeof useKeyedCall<RemoveResult>>;
  request: Request;
  rows: ImageRow[];
  onChoose(r: Request): void;
}): ReactElement {
  const { t } = useTranslation();
  const { preview, request } = props;
  const command = useCurrentSource()?.kind === 'podman' ? 'podman rmi' : 'docker rmi';
  if (!preview) return <p className="muted">{t('delete.previewing')}</p>;
  if (!preview.ok) return <p className="field-error" role="alert">{preview.error.message}</p>;
  return (
    <div className="plan" data-testid="delete-plan">
      <p>{t('delete.willDo', { command })}</p>
      <RemoveOutcome result={preview.value} rows={props.rows} preview
        onForce={() => props.onChoose({ args: request.args, force: true })}
        onUntagOnly={(refs) => props.onChoose({ args: refs, force: false })} />
      <p className="plan-total" data-testid="delete-bytes">
        {preview.value.reclaimed > 0 ? t('delete.frees', { size: humanSize(preview.value.reclaimed) }) : t('delete.freesNothing')}
      </p>
    </div>
  );
}

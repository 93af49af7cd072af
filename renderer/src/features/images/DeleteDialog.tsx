import { useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRow, RemoveResult } from '../../../../shared/index';
import { api } from '../../api/index';
import { Dialog } from '../../components/Dialog';
import { asBerthError } from '../../lib/errors';
import { useImages } from '../../state/images';
import { planRemoval, type DeletePlan } from './delete-plan';
import { humanSize, shortId } from './format';
import { RemoveOutcome } from './RemoveOutcome';

type Phase = { step: 'confirm' } | { step: 'running' } | { step: 'done'; result: RemoveResult; forced: boolean } | { step: 'error'; message: string };

/** Delete (by image ID) or untag a last reference: lists exactly what goes, then reports every record and failure. */
export function DeleteDialog({ kind, rows, onClose }: { kind: 'delete' | 'untag'; rows: ImageRow[]; onClose(): void }): ReactElement {
  const { t } = useTranslation();
  const all = useImages((s) => s.list?.rows ?? []);
  // The plan is fixed when the dialog opens; live refreshes must not rewrite what was confirmed.
  const [plan] = useState(() => planRemoval(kind, rows, all));
  const [phase, setPhase] = useState<Phase>({ step: 'confirm' });
  const run = async (args: string[], force: boolean): Promise<void> => {
    setPhase({ step: 'running' });
    try {
      const result = await api.call('images.remove', { refs: args, force, noPrune: false });
      setPhase({ step: 'done', result, forced: force });
    } catch (e) {
      setPhase({ step: 'error', message: asBerthError(e).message });
    }
  };
  const title = t(kind === 'delete' ? 'delete.title' : 'untag.lastTitle', { count: plan.images.length });
  const confirming = phase.step === 'confirm' || phase.step === 'running';
  return (
    <Dialog title={title} onClose={onClose} size="large" testId="delete-dialog"
      footer={
        confirming ? (
          <>
            <button type="button" className="button secondary" onClick={onClose}>{t('dialog.cancel')}</button>
            <button type="button" className="button danger" disabled={phase.step === 'running'} data-testid="delete-confirm"
              onClick={() => void run(plan.args, false)}>
              {t(kind === 'delete' ? 'delete.confirm' : 'untag.confirm', { count: plan.images.length })}
            </button>
          </>
        ) : (
          <button type="button" className="button secondary" onClick={onClose} data-testid="delete-close">{t('dialog.close')}</button>
        )
      }
    >
      {confirming && <PlanList plan={plan} />}
      {phase.step === 'error' && <p className="field-error" role="alert">{phase.message}</p>}
      {phase.step === 'done' && (
        <RemoveOutcome result={phase.result} rows={rows} onForce={(ids) => void run(ids, true)} onUntagOnly={(refs) => void run(refs, false)} />
      )}
    </Dialog>
  );
}

function PlanList({ plan }: { plan: DeletePlan }): ReactElement {
  const { t } = useTranslation();
  const lines = useMemo(
    () => plan.images.flatMap((i) => [...i.untag.map((u) => ({ k: `u ${i.id} ${u}`, text: `Untagged: ${u}`, cls: 'untag' })),
      ...(i.deleted ? [{ k: `d ${i.id}`, text: `Deleted: ${i.id}`, cls: 'delete' }] : [])]),
    [plan],
  );
  return (
    <div className="plan" data-testid="delete-plan">
      <p>{t('delete.willDo')}</p>
      <ul className="record-list">
        {lines.map((l) => <li key={l.k} className={`record ${l.cls}`}>{l.text}</li>)}
      </ul>
      <p className="plan-total" data-testid="delete-bytes">
        {plan.bytes > 0 ? t('delete.frees', { size: humanSize(plan.bytes) }) : t('delete.freesNothing')}
      </p>
      {plan.images.some((i) => i.untag.length > 1) && (
        <p className="field-hint">{t('delete.multiRefHint', { id: shortId(plan.images.find((i) => i.untag.length > 1)!.id) })}</p>
      )}
    </div>
  );
}

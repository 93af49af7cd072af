import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source } from '../../../../shared/index';
import { api } from '../../api/index';
import { asBerthError } from '../../lib/errors';
import { useSources } from '../../state/sources';
import { AddEngineForm } from '../sources/AddEngineForm';
import { sourceLabel } from '../sources/labels';
import { SourceDot } from '../sources/SourceDot';

/** Every image source: how it was found, whether it answers (and why not), and the engines the person added. */
export function EnginesSettings(): ReactElement {
  const { t } = useTranslation();
  const list = useSources((s) => s.list);
  const listError = useSources((s) => s.error);
  const probing = useSources((s) => s.probing);
  const probe = useSources((s) => s.probe);
  const [problem, setProblem] = useState<string>();
  const remove = (id: string): void => {
    setProblem(undefined);
    api.call('sources.remove', { id }).then(
      (next) => useSources.getState().setList(next),
      (e: unknown) => setProblem(asBerthError(e).message),
    );
  };
  return (
    <section className="settings-group" aria-labelledby="engines-title" data-testid="engines-settings">
      <div className="settings-legend-row">
        <h2 id="engines-title" className="settings-legend">{t('sources.settingsTitle')}</h2>
        <button type="button" className="button secondary small" disabled={probing} onClick={() => void probe()} data-testid="engines-probe">
          {t('sources.checkAgain')}
        </button>
      </div>
      {listError && <p className="field-error" role="alert">{listError}</p>}
      <ul className="engines-list">
        {(list ?? []).map((s) => <EngineRow key={s.id} source={s} onRemove={() => remove(s.id)} />)}
      </ul>
      {problem && <p className="field-error" role="alert" data-testid="engines-error">{problem}</p>}
      <AddEngineForm id="engines-add" />
    </section>
  );
}

function EngineRow({ source: s, onRemove }: { source: Source; onRemove(): void }): ReactElement {
  const { t } = useTranslation();
  return (
    <li className="engines-item" data-source={s.id} data-testid="engine-row">
      <div className="engines-row">
        <SourceDot source={s} />
        <div className="engines-name">
          <strong>{sourceLabel([s], s.id, t)}</strong>
          <code className="muted-text">{s.endpoint ?? t('sources.embeddedEndpoint')}</code>
        </div>
        <span className="registry-badge muted-badge">{t(`sources.origin.${s.origin}`)}</span>
        {s.apiVersion && <span className="muted-text">{t('sources.api', { version: s.apiVersion })}</span>}
        <span className="toolbar-spacer" />
        {s.origin === 'configured' && (
          <button type="button" className="button secondary small" onClick={onRemove} data-testid="engine-remove">{t('sources.remove')}</button>
        )}
      </div>
      {s.state === 'unreachable' && s.error && <p className="field-error engines-error">{s.error}</p>}
    </li>
  );
}

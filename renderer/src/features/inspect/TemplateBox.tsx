import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/index';
import { useKeyedCall } from '../../hooks/useKeyedCall';
import { useSource } from '../../state/sources';

type Rendered = { state: 'idle' } | { state: 'pending' } | { state: 'ok'; output: string } | { state: 'error'; message: string };

const RENDER_DELAY_MS = 120;

/** `docker inspect -f TEMPLATE`, rendered by the core as it is typed; errors inline, in Docker's words. */
export function TemplateBox({ target }: { target: string }): ReactElement {
  const { t } = useTranslation();
  const [template, setTemplate] = useState('');
  const source = useSource();
  const result = useKeyedCall(template === '' ? null : `${source}\n${target}\n${template}`, () => api.call('images.format', { source, ref: target, template }), RENDER_DELAY_MS);
  const rendered: Rendered =
    template === '' ? { state: 'idle' } : !result ? { state: 'pending' } : result.ok ? { state: 'ok', output: result.value.output } : { state: 'error', message: result.error.message };
  return (
    <div className="template-box">
      <label htmlFor="template" className="field-label">{t('inspect.template')}</label>
      <div className={`template-input${rendered.state === 'error' ? ' invalid' : ''}`}>
        <span className="template-prefix" aria-hidden="true">-f</span>
        <input id="template" className="input mono" value={template} onChange={(e) => setTemplate(e.target.value)}
          placeholder="{{.Config.Cmd}}" spellCheck={false} autoComplete="off" aria-describedby="template-output"
          aria-invalid={rendered.state === 'error' || undefined} data-testid="template-input" />
      </div>
      <output id="template-output" htmlFor="template" aria-live="polite"
        className={`template-output${rendered.state === 'error' ? ' error' : ''}`} data-testid="template-output"
        data-state={rendered.state}>
        {rendered.state === 'ok' ? rendered.output : rendered.state === 'error' ? rendered.message : rendered.state === 'idle' ? t('inspect.templateHelp') : ''}
      </output>
    </div>
  );
}

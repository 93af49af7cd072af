import { useId, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useReferenceCheck } from '../images/useReferenceCheck';
import { useRemoteHints } from './useRemoteHints';

export interface PullRequest {
  ref: string;
  platform: string;
  allTags: boolean;
}

/** The reference (checked as typed, tags completed from the registry), a platform, and all-tags. */
export function PullForm(props: { value: PullRequest; onChange(v: PullRequest): void; onSubmit(): void; busy: boolean }): ReactElement {
  const { t } = useTranslation();
  const { value, onChange } = props;
  const check = useReferenceCheck(value.ref);
  const parsed = check.state === 'valid' && check.parsed.input === value.ref ? check.parsed : undefined;
  const { tags, remote } = useRemoteHints(parsed);
  const listId = useId();
  const repo = value.ref.replace(/[:@][^/]*$/, '');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (parsed && !props.busy) props.onSubmit();
  };
  return (
    <form id="pull-form" className="form" onSubmit={submit}>
      <label htmlFor="pull-ref" className="field-label">{t('pull.reference')}</label>
      <input id="pull-ref" className="input mono" value={value.ref} autoFocus list={listId} spellCheck={false} autoComplete="off"
        placeholder="busybox:latest" aria-invalid={check.state === 'invalid' || undefined} aria-describedby="pull-feedback"
        onChange={(e) => onChange({ ...value, ref: e.target.value })} data-testid="pull-ref" />
      <datalist id={listId}>
        {tags.slice(0, 200).map((tag) => <option key={tag} value={`${repo}:${tag}`} />)}
      </datalist>
      <div id="pull-feedback" className="field-feedback" aria-live="polite">
        {check.state === 'invalid' && <p className="field-error" data-testid="pull-error">{check.message}</p>}
        {parsed && <p className="field-hint">{t('pull.willPull')} <code>{parsed.normalized}</code></p>}
      </div>
      <div className="form-row">
        <label htmlFor="pull-platform" className="field-label">{t('pull.platform')}</label>
        <select id="pull-platform" className="select" value={value.platform} onChange={(e) => onChange({ ...value, platform: e.target.value })}>
          <option value="">{t('pull.platformDefault')}</option>
          {(remote?.platforms ?? []).map((p) => {
            const id = [p.os, p.architecture, p.variant].filter(Boolean).join('/');
            return <option key={p.digest} value={id}>{id}</option>;
          })}
        </select>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={value.allTags} onChange={(e) => onChange({ ...value, allTags: e.target.checked })} />
        <span>{t('pull.allTags')}</span>
        {tags.length > 0 && <span className="muted-text">{t('pull.tagCount', { count: tags.length })}</span>}
      </label>
    </form>
  );
}

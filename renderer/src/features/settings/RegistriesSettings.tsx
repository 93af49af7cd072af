import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { BerthError, type MethodOutput } from '../../../../shared/index';
import { api } from '../../api/index';
import { useCall } from '../../hooks/useCall';
import { useToasts } from '../../state/toasts';
import { LoginForm } from './LoginForm';
import '../registry/registry.css';
import './registries.css';

type Entry = MethodOutput<'registry.list'>[number];
const NO_INPUT = {};

/** Registries Berth knows besides Docker Hub, and who is logged in to each (never their secrets). */
export function RegistriesSettings(): ReactElement {
  const { t } = useTranslation();
  const { data, error, refetch } = useCall('registry.list', NO_INPUT);
  const [loginFor, setLoginFor] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const push = useToasts((s) => s.push);
  const act = (work: () => Promise<unknown>, done?: string): void => {
    setProblem(null);
    work()
      .then(() => {
        refetch();
        if (done) push({ kind: 'success', title: done });
      })
      .catch((e: unknown) => setProblem(e instanceof BerthError ? e.message : String(e)));
  };
  return (
    <section className="settings-group" aria-labelledby="registries-title" data-testid="registries-settings">
      <h2 id="registries-title" className="settings-legend">{t('settings.registries.title')}</h2>
      {error && <p className="registry-error" role="alert">{error.message}</p>}
      <ul className="registries-list">
        {(data ?? []).map((r) => (
          <li key={r.host} className="registries-item" data-host={r.host}>
            <RegistryRow
              entry={r}
              onLogin={() => setLoginFor(loginFor === r.host ? null : r.host)}
              onLogout={() => act(() => api.call('registry.logout', { registry: r.host }), t('settings.registries.loggedOut', { host: r.host }))}
              onRemove={() => act(() => api.call('registry.remove', { host: r.host }))}
            />
            {loginFor === r.host && (
              <LoginForm
                registry={r.host}
                onDone={(message) => {
                  setLoginFor(null);
                  refetch();
                  push({ kind: 'success', title: message });
                }}
                onCancel={() => setLoginFor(null)}
              />
            )}
          </li>
        ))}
      </ul>
      {problem && <p className="registry-error" role="alert" data-testid="registries-error">{problem}</p>}
      <AddRegistry onAdd={(address, insecure) => act(() => api.call('registry.add', { address, insecure }))} />
    </section>
  );
}

function RegistryRow(props: { entry: Entry; onLogin(): void; onLogout(): void; onRemove(): void }): ReactElement {
  const { t } = useTranslation();
  const r = props.entry;
  return (
    <div className="registries-row">
      <div className="registries-name">
        <strong>{r.hub ? t('registry.hub') : r.host}</strong>
        {r.insecure && <span className="registry-badge muted-badge">{t('settings.registries.insecureBadge')}</span>}
        <span className="muted" data-testid="login-state">
          {r.loggedIn
            ? r.username
              ? t('settings.registries.loggedInAs', { user: r.username })
              : t('settings.registries.loggedIn')
            : t('settings.registries.notLoggedIn')}
        </span>
      </div>
      <div className="registries-actions">
        {r.loggedIn ? (
          <button type="button" className="small-button" onClick={props.onLogout}>{t('settings.registries.logout')}</button>
        ) : (
          <button type="button" className="small-button" onClick={props.onLogin}>{t('settings.registries.login')}</button>
        )}
        {!r.hub && (
          <button type="button" className="small-button" aria-label={t('settings.registries.removeAria', { host: r.host })} onClick={props.onRemove}>
            {t('settings.registries.remove')}
          </button>
        )}
      </div>
    </div>
  );
}

function AddRegistry({ onAdd }: { onAdd(address: string, insecure: boolean): void }): ReactElement {
  const { t } = useTranslation();
  const [address, setAddress] = useState('');
  const [insecure, setInsecure] = useState(false);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (address.trim() === '') return;
    onAdd(address.trim(), insecure);
    setAddress('');
    setInsecure(false);
  };
  return (
    <form className="registries-add" onSubmit={submit}>
      <label className="sr-only" htmlFor="registry-address">{t('settings.registries.address')}</label>
      <input
        id="registry-address"
        className="registry-input"
        placeholder={t('settings.registries.addressPlaceholder')}
        value={address}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setAddress(e.target.value)}
      />
      <label className="registry-check">
        <input type="checkbox" checked={insecure} onChange={(e) => setInsecure(e.target.checked)} />
        <span>{t('settings.registries.insecure')}</span>
      </label>
      <button type="submit" className="small-button">{t('settings.registries.add')}</button>
    </form>
  );
}

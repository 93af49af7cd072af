import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { BerthError } from '../../../../shared/index';
import { api } from '../../api/index';

/**
 * Username and password for one registry. The password leaves this form
 * only for the core, which checks it against the registry and hands it to
 * Docker's config or credential helper; the form forgets it right away.
 */
export function LoginForm(props: { registry: string; onDone(message: string): void; onCancel(): void }): ReactElement {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const secret = password;
    setPassword('');
    api
      .call('registry.login', { registry: props.registry === 'docker.io' ? '' : props.registry, username, password: secret })
      .then((r) => {
        const where = r.plainTextPath ? t('settings.registries.plainText', { path: r.plainTextPath }) : '';
        props.onDone(`${r.status}${where ? ` — ${where}` : ''}`);
      })
      .catch((err: unknown) => setError(err instanceof BerthError ? err.message : String(err)))
      .finally(() => setBusy(false));
  };
  return (
    <form className="registries-login" onSubmit={submit} data-testid="login-form">
      <input
        className="registry-input"
        aria-label={t('settings.registries.username')}
        placeholder={t('settings.registries.username')}
        autoComplete="username"
        value={username}
        required
        onChange={(e) => setUsername(e.target.value)}
      />
      <input
        className="registry-input"
        type="password"
        aria-label={t('settings.registries.password')}
        placeholder={t('settings.registries.password')}
        autoComplete="current-password"
        value={password}
        required
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit" className="small-button" disabled={busy}>{t('settings.registries.login')}</button>
      <button type="button" className="link-button" onClick={props.onCancel}>{t('settings.registries.cancel')}</button>
      {error && <p className="registry-error" role="alert">{error}</p>}
    </form>
  );
}

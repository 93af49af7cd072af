import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { InspectDoc } from '../../../../shared/index';
import { humanSize } from '../images/format';
import { RelativeTime } from '../images/RelativeTime';

interface ImageConfig {
  User?: string;
  ExposedPorts?: Record<string, unknown>;
  Env?: string[];
  Cmd?: string[];
  Entrypoint?: string[];
  Volumes?: Record<string, unknown>;
  WorkingDir?: string;
  Labels?: Record<string, string> | null;
}

/** The facts people look for first, read from `docker image inspect`. */
export function SummaryTab({ doc }: { doc: InspectDoc }): ReactElement {
  const { t } = useTranslation();
  const d = doc as InspectDoc & { Os?: string; Architecture?: string; Variant?: string; Created?: string; Size?: number; Config?: ImageConfig };
  const c = d.Config ?? {};
  const platform = [d.Os, d.Architecture, d.Variant].filter(Boolean).join('/');
  const none = <span className="muted-text">{t('detail.none')}</span>;
  const list = (items: string[] | undefined): ReactNode =>
    items && items.length > 0 ? <ul className="value-list">{items.map((v) => <li key={v}><code>{v}</code></li>)}</ul> : none;
  const labels = Object.entries(c.Labels ?? {});
  return (
    <dl className="facts summary" data-testid="summary">
      <dt>{t('detail.platform')}</dt><dd>{platform || none}</dd>
      <dt>{t('detail.created')}</dt><dd>{d.Created ? <><RelativeTime iso={d.Created} /> <span className="muted-text">{d.Created}</span></> : none}</dd>
      <dt>{t('detail.size')}</dt><dd>{d.Size !== undefined ? humanSize(d.Size) : none}</dd>
      <dt>{t('detail.tags')}</dt><dd>{list(doc.RepoTags)}</dd>
      <dt>{t('detail.digests')}</dt><dd>{list(doc.RepoDigests)}</dd>
      <dt>{t('detail.cmd')}</dt><dd>{c.Cmd ? <code>{JSON.stringify(c.Cmd)}</code> : none}</dd>
      <dt>{t('detail.entrypoint')}</dt><dd>{c.Entrypoint ? <code>{JSON.stringify(c.Entrypoint)}</code> : none}</dd>
      <dt>{t('detail.env')}</dt><dd>{list(c.Env)}</dd>
      <dt>{t('detail.ports')}</dt><dd>{list(Object.keys(c.ExposedPorts ?? {}))}</dd>
      <dt>{t('detail.volumes')}</dt><dd>{list(Object.keys(c.Volumes ?? {}))}</dd>
      <dt>{t('detail.workdir')}</dt><dd>{c.WorkingDir ? <code>{c.WorkingDir}</code> : none}</dd>
      <dt>{t('detail.user')}</dt><dd>{c.User ? <code>{c.User}</code> : none}</dd>
      <dt>{t('detail.labels')}</dt>
      <dd>{labels.length > 0 ? <ul className="value-list">{labels.map(([k, v]) => <li key={k}><code>{k}={v}</code></li>)}</ul> : none}</dd>
    </dl>
  );
}

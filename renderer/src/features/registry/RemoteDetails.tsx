import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../shared/index';
import { useCall } from '../../hooks/useCall';
import { humanSize } from '../images/format';
import { PullButton } from './PullButton';
import type { PullState } from './usePull';

type Remote = MethodOutput<'registry.inspect'>;
type Platform = Remote['platforms'][number];

const platformText = (p: { os: string; architecture: string; variant?: string | undefined }): string =>
  [p.os, p.architecture, p.variant].filter(Boolean).join('/');

/** What a tag is in the registry, read without pulling it. */
export function RemoteDetails(props: {
  reference: string;
  onBack(): void;
  pulls: Record<string, PullState>;
  pull(ref: string, platform?: string): void;
}): ReactElement {
  const { t } = useTranslation();
  const [platform, setPlatform] = useState<string | undefined>(undefined);
  const { data, error, loading } = useCall('registry.inspect', { ref: props.reference, ...(platform ? { platform } : {}) });
  return (
    <section className="registry-panel" aria-labelledby="remote-title" data-testid="remote-details">
      <div className="registry-panel-head">
        <button type="button" className="link-button" onClick={props.onBack}>← {t('registry.details.back')}</button>
        <PullButton reference={props.reference} pulls={props.pulls} pull={props.pull} />
      </div>
      <h2 id="remote-title" className="registry-panel-title mono">{props.reference}</h2>
      {error && <p className="registry-error" role="alert">{error.message}</p>}
      {!data && loading && <p className="loading">{t('app.loading')}</p>}
      {data && <Facts data={data} />}
      {data && data.platforms.length > 0 && (
        <Platforms platforms={data.platforms} current={data.image ? platformText(data.image) : ''} onShow={setPlatform} {...props} />
      )}
      {data?.image && <Labels labels={data.image.labels} />}
      {data?.image && <History history={data.image.history} />}
    </section>
  );
}

function Facts({ data }: { data: Remote }): ReactElement {
  const { t } = useTranslation();
  const img = data.image;
  return (
    <dl className="facts" data-testid="remote-facts">
      <dt>{t('registry.details.digest')}</dt>
      <dd className="mono">{data.digest}</dd>
      <dt>{t('registry.details.mediaType')}</dt>
      <dd className="mono">{data.mediaType}</dd>
      {img && (
        <>
          <dt>{t('registry.details.platform')}</dt>
          <dd data-testid="remote-platform">{platformText(img)}</dd>
          <dt>{t('registry.details.created')}</dt>
          <dd>{img.created ? new Date(img.created).toLocaleString() : t('time.na')}</dd>
          <dt>{t('registry.details.compressedSize')}</dt>
          <dd data-testid="remote-size" title={`${img.compressedSize} B`}>{humanSize(img.compressedSize)}</dd>
          <dt>{t('registry.details.layers')}</dt>
          <dd data-testid="remote-layers">{img.layers.length}</dd>
        </>
      )}
    </dl>
  );
}

function Platforms(props: {
  platforms: Platform[];
  current: string;
  reference: string;
  onShow(p: string): void;
  pulls: Record<string, PullState>;
  pull(ref: string, platform?: string): void;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <>
      <h3 className="registry-subtitle">{t('registry.details.platforms')}</h3>
      <table className="data-table" data-testid="remote-platforms">
        <tbody>
          {props.platforms.map((p) => {
            const name = platformText(p);
            return (
              <tr key={p.digest} data-platform={name} aria-current={name === props.current || undefined}>
                <td>
                  <button type="button" className="link-button" onClick={() => props.onShow(name)}>{name}</button>
                </td>
                <td className="num">{humanSize(p.size)}</td>
                <td>
                  <PullButton reference={props.reference} platform={name} pulls={props.pulls} pull={props.pull} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

function Labels({ labels }: { labels: Record<string, string> }): ReactElement {
  const { t } = useTranslation();
  const entries = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1));
  return (
    <>
      <h3 className="registry-subtitle">{t('registry.details.labels')}</h3>
      {entries.length === 0 ? (
        <p className="muted">{t('registry.details.noLabels')}</p>
      ) : (
        <dl className="facts" data-testid="remote-labels">
          {entries.map(([k, v]) => (
            <div key={k} className="registry-label-row">
              <dt className="mono">{k}</dt>
              <dd className="mono">{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

function History({ history }: { history: NonNullable<Remote['image']>['history'] }): ReactElement {
  const { t } = useTranslation();
  return (
    <>
      <h3 className="registry-subtitle">{t('registry.details.history')}</h3>
      <ol className="registry-history" data-testid="remote-history">
        {history.map((h, i) => (
          <li key={i}>
            <code>{h.createdBy || '—'}</code>
            {h.emptyLayer && <span className="registry-badge muted-badge">{t('registry.details.emptyLayer')}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}

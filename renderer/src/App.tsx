import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ArchiveDropZone } from './features/archive';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Header } from './components/Header';
import { Sidebar } from './components/Sidebar';
import { Toaster } from './components/Toaster';
import { ImagesView } from './features/images/ImagesView';
import { JobsView } from './features/jobs/JobsView';
import { RegistryView } from './features/registry/RegistryView';
import { SettingsView } from './features/settings/SettingsView';
import { usePreferences } from './preferences';
import { attachJobs } from './state/jobs';
import { useNav, type ViewId } from './state/nav';

const VIEW_COMPONENTS: Record<ViewId, () => ReactElement> = {
  images: ImagesView,
  registry: RegistryView,
  jobs: JobsView,
  settings: SettingsView,
};

export function App(): ReactElement {
  usePreferences();
  // Jobs live in the main process; a reloaded page picks them up again here.
  useEffect(attachJobs, []);
  const { t } = useTranslation();
  const view = useNav((s) => s.view);
  const View = VIEW_COMPONENTS[view];
  const skipToMain = (): void => document.getElementById('main')?.focus();
  return (
    <Toaster>
      <button type="button" className="skip-link" onClick={skipToMain}>
        {t('app.skipToContent')}
      </button>
      <div className="app">
        <Header />
        <ConnectionBanner />
        <ArchiveDropZone />
        <div className="app-body">
          <Sidebar />
          <main id="main" className="main" tabIndex={-1}>
            {/* keyed by view: a crash in one view is reset by leaving it */}
            <ErrorBoundary key={view}>
              <View />
            </ErrorBoundary>
          </main>
        </div>
      </div>
    </Toaster>
  );
}

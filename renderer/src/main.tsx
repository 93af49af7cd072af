import './zod-config'; // first: before any contract schema parses
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { initI18n } from './i18n/index';
import { applyLanguage, applyTheme, resolveLanguage } from './preferences';
import { useSettings } from './state/settings';
import './styles/theme.css';
import './styles/app.css';
import './styles/controls.css';
import './styles/toolbar.css';
import './styles/form.css';
import './styles/grid.css';
import './styles/dialog.css';
import './styles/detail.css';
import './styles/json-tree.css';
import './styles/jobs.css';
import './styles/sources.css';

// Theme and language are settled before the first paint, so nothing flashes.
const { theme, language } = useSettings.getState();
applyTheme(theme);
const lng = resolveLanguage(language);
initI18n(lng);
applyLanguage(lng);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);

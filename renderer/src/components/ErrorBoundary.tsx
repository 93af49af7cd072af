import { Component, type ErrorInfo, type ReactElement, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  children: ReactNode;
}
interface State {
  error: Error | undefined;
}

/** Catches render errors below it; "Try again" remounts the children. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('view crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return <ErrorFallback error={this.state.error} onReset={() => this.setState({ error: undefined })} />;
  }
}

function ErrorFallback({ error, onReset }: { error: Error; onReset: () => void }): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert">
      <h2>{t('errorBoundary.title')}</h2>
      <p>{t('errorBoundary.body')}</p>
      <pre className="error-detail">{error.message}</pre>
      <button type="button" className="button" onClick={onReset}>
        {t('errorBoundary.reset')}
      </button>
    </div>
  );
}

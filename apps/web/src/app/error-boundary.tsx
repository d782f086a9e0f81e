import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';

interface State {
  failed: boolean;
}

/** A render error (or a lazy page that failed to download after a deploy) shows a way out, not a blank page. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('Render error', error, info.componentStack);
  }

  override render() {
    return this.state.failed ? <Crashed /> : this.props.children;
  }
}

function Crashed() {
  const { t } = useTranslation();
  return (
    <div className="full-page">
      <main className="full-page-card" role="alert">
        <h1>{t('crash.title')}</h1>
        <p>{t('crash.body')}</p>
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          {t('crash.reload')}
        </button>
      </main>
    </div>
  );
}

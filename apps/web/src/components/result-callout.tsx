import type { ReactNode } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';

interface ResultCalloutProps {
  title: string;
  children: ReactNode;
  onDismiss: () => void;
  /** Defaults to "Dismiss". */
  dismissLabel?: string;
  className?: string;
  testId?: string;
}

/** The outcome of an action the user must act on now (a link or a secret to copy), until they dismiss it. */
export function ResultCallout({ title, children, onDismiss, dismissLabel, className, testId }: ResultCalloutProps) {
  const { t } = useTranslation();
  return (
    <div
      className={className ? `callout ${className}` : 'callout'}
      role="region"
      aria-label={title}
      data-testid={testId}
    >
      <h3>{title}</h3>
      {children}
      <button type="button" className="button button-small" onClick={onDismiss}>
        {dismissLabel ?? t('common.dismiss')}
      </button>
    </div>
  );
}

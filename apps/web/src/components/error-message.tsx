import type { ErrorCode } from '@perch/shared';
import { useErrorMessage } from '@/lib/errors.ts';

/** A translated error for a failed request, announced to screen readers. Renders nothing without an error. */
export function ErrorMessage({ error, overrides }: { error: unknown; overrides?: Partial<Record<ErrorCode, string>> }) {
  const message = useErrorMessage();
  if (!error) return null;
  return (
    <p className="alert alert-error" role="alert">
      {message(error, overrides)}
    </p>
  );
}

/** A short confirmation after a change ("Saved."), announced politely. */
export function SuccessMessage({ children }: { children: React.ReactNode }) {
  if (!children) return null;
  return (
    <p className="alert alert-success" role="status">
      {children}
    </p>
  );
}

import type { ErrorCode } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from './link.tsx';
import { perchCodeOf, useErrorMessage } from '@/lib/errors.ts';

/** Where a user sets up their second factor (the profile's two-step section). */
export const TWO_STEP_SETUP_PATH = '/profile#two-step';

/**
 * A translated error for a failed request, announced to screen readers. Renders nothing without an error. A refusal
 * for want of a second factor links to the profile, where it is set up.
 */
export function ErrorMessage({ error, overrides }: { error: unknown; overrides?: Partial<Record<ErrorCode, string>> }) {
  const message = useErrorMessage();
  const { t } = useTranslation();
  if (!error) return null;
  const code = perchCodeOf(error);
  return (
    <p className="alert alert-error" role="alert">
      {message(error, overrides)}
      {code === 'SECOND_FACTOR_REQUIRED' && !overrides?.SECOND_FACTOR_REQUIRED ? (
        <>
          {' '}
          <Link to={TWO_STEP_SETUP_PATH}>{t('errors.SECOND_FACTOR_REQUIRED_link')}</Link>
        </>
      ) : null}
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

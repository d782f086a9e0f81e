import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { fieldErrorsOf, perchCodeOf } from '@/lib/errors.ts';
import { isApiError } from '@/lib/trpc.ts';

/** The server's reason for a refused reply (VALIDATION): its field errors, else its message. */
function refusalOf(error: unknown): string | null {
  if (perchCodeOf(error) !== 'VALIDATION') return null;
  const fields = Object.values(fieldErrorsOf(error)).flat();
  if (fields.length) return fields.join(' ');
  return isApiError(error) && error.message ? error.message : null;
}

interface SendErrorProps {
  error: unknown;
  /** A colleague replied (or changed the conversation) after the agent opened it: who did what. */
  conflict: string | null;
  onDismissConflict: () => void;
}

/** Why a send did not go through, beside the composer; the draft is kept in every case. */
export function SendError({ error, conflict, onDismissConflict }: SendErrorProps) {
  const { t } = useTranslation();
  if (conflict) {
    return (
      <div className="alert alert-error conflict-banner" role="alert">
        <span>{conflict}</span>{' '}
        <button type="button" className="button button-small" onClick={onDismissConflict}>
          {t('conversation.conflict.dismiss')}
        </button>
      </div>
    );
  }
  const refusal = refusalOf(error);
  if (refusal) {
    return (
      <p className="alert alert-error" role="alert">
        {t('replies.result.refused', { reason: refusal })}
      </p>
    );
  }
  return <ErrorMessage error={error} />;
}

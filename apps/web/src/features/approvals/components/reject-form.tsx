import { REPLY_LIMITS } from '@perch/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import type { Approval } from '../types.ts';

interface RejectFormProps {
  approval: Approval;
  pending: boolean;
  onReject: (comment: string) => void;
  onCancel: () => void;
}

/** Rejecting needs a comment: the agent is notified with it and rewrites the reply. */
export function RejectForm({ approval, pending, onReject, onCancel }: RejectFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const max = REPLY_LIMITS.reviewComment;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = comment.trim();
    const error =
      trimmed === ''
        ? t('approvals.rejectRequired')
        : trimmed.length > max
          ? t('approvals.rejectTooLong', { max })
          : null;
    setProblem(error);
    if (error === null) onReject(trimmed);
  };

  return (
    <form className="form approval-reject" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{t('approvals.rejectTitle')}</h3>
      <div className={problem ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${titleId}-comment`}>{t('approvals.rejectComment')}</label>
        <textarea
          id={`${titleId}-comment`}
          rows={3}
          maxLength={max}
          value={comment}
          aria-describedby={`${titleId}-hint${problem ? ` ${titleId}-error` : ''}`}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => {
            setComment(e.target.value);
            setProblem(null);
          }}
          autoFocus
        />
        <p className="field-hint" id={`${titleId}-hint`}>
          {t('approvals.rejectHint', { author: approval.authorName, max })}
        </p>
        {problem ? (
          <p className="field-error" id={`${titleId}-error`}>
            {problem}
          </p>
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-danger" disabled={pending}>
          {t('approvals.rejectConfirm')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('approvals.cancel')}
        </button>
      </div>
    </form>
  );
}

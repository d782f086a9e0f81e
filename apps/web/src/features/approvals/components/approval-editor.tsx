import { REPLY_LIMITS, variablesIn } from '@perch/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { useReplyCounter } from '../reply-counter.ts';
import type { Approval } from '../types.ts';

interface ApprovalEditorProps {
  approval: Approval;
  pending: boolean;
  onApprove: (text: string) => void;
  onCancel: () => void;
}

/**
 * "Edit and approve": the manager's version of the reply, counted as X counts it (weighted, URLs 23, emoji 2;
 * the leading @mentions of a public reply are not counted). A public reply over 280 cannot be approved; a direct
 * message may be up to 10,000 characters.
 */
export function ApprovalEditor({ approval, pending, onApprove, onCancel }: ApprovalEditorProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const counter = useReplyCounter();
  const [text, setText] = useState(approval.text);
  const [problem, setProblem] = useState<string | null>(null);
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);

  // The one length rule (X's weighted count for public X posts, characters for DMs and webhook channels); until
  // it has loaded there is no count yet, and nothing can be approved from here.
  const measure = counter ? counter(text, { dm: approval.isDirectMessage, channelKind: approval.channelKind }) : null;
  const isPublic = measure?.weighted ?? (!approval.isDirectMessage && approval.channelKind !== 'webhook');
  const max = measure?.max ?? 0;
  const counted = measure?.count ?? null;
  const over = (measure?.over ?? 0) > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A {{variable}} left in would be posted as written: the server refuses it too.
    const variable = variablesIn(text)[0];
    const found =
      // Leading @mentions alone are not a public reply: X fills them in and counts nothing else.
      text.trim() === '' || measure?.empty === true
        ? t('approvals.textRequired')
        : variable !== undefined
          ? t('approvals.variableLeft', { variable: `{{${variable}}}` })
          : null;
    setProblem(found);
    if (found !== null || over || counted === null) return;
    onApprove(text);
  };

  return (
    <form className="form approval-editor" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{t('approvals.editTitle')}</h3>
      <div className={over || problem ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${titleId}-text`}>{t('approvals.editText')}</label>
        <textarea
          id={`${titleId}-text`}
          rows={4}
          maxLength={REPLY_LIMITS.text}
          value={text}
          aria-describedby={`${titleId}-count ${titleId}-hint`}
          aria-invalid={over || problem !== null || undefined}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
          }}
          autoFocus
        />
        <p
          className="field-hint approval-count"
          id={`${titleId}-count`}
          aria-live="polite"
          data-testid="approval-count"
        >
          {counted === null
            ? t('approvals.counting')
            : t(isPublic ? 'approvals.weighted' : 'approvals.characters', {
                count: number(counted),
                max: number(max),
              })}
        </p>
        {over && counted !== null ? (
          <p className="field-error" role="alert">
            {t('approvals.overLimit', { over: number(counted - max), max: number(max) })}
          </p>
        ) : null}
        {problem ? <p className="field-error">{problem}</p> : null}
        <p className="field-hint" id={`${titleId}-hint`}>
          {t('approvals.editHint')}
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending || over || counted === null}>
          {t('approvals.approveEdited')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('approvals.cancel')}
        </button>
      </div>
    </form>
  );
}

import { useEffect, useRef } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from '@/components/link.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { useFormatDate } from '@/lib/format.ts';
import type { Approval, ApprovalMode } from '../types.ts';
import { ApprovalEditor } from './approval-editor.tsx';
import { RejectForm } from './reject-form.tsx';

interface ApprovalCardProps {
  organizationId: string;
  approval: Approval;
  /** Shown when the list covers every brand. */
  brandName: string | null;
  selected: boolean;
  /** Changes when the keyboard moves to this reply (j/k): it then takes the focus and scrolls into view. */
  focusToken: number;
  mode: ApprovalMode;
  pending: boolean;
  error: unknown;
  onSelect: () => void;
  onMode: (mode: ApprovalMode) => void;
  onApprove: (text?: string) => void;
  onReject: (comment: string) => void;
}

/**
 * One waiting reply: who it answers and what they wrote, the agent's reply (plain text: it is untrusted), public or
 * direct message, since when it waits; and the manager's three decisions.
 */
export function ApprovalCard(props: ApprovalCardProps) {
  const { organizationId, approval, brandName, selected, mode, pending, error } = props;
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const customer = approval.customer.username
    ? `${approval.customer.displayName} (@${approval.customer.username})`
    : approval.customer.displayName;
  const names = { author: approval.authorName, customer: approval.customer.displayName };
  const editing = mode?.replyId === approval.replyId ? mode.kind : null;
  const item = useRef<HTMLLIElement>(null);
  const { focusToken } = props;
  useEffect(() => {
    if (focusToken > 0) item.current?.focus();
  }, [focusToken]);

  return (
    <li
      ref={item}
      tabIndex={-1}
      className={selected ? 'approval approval-selected' : 'approval'}
      aria-label={t('approvals.itemLabel', names)}
      aria-current={selected ? 'true' : undefined}
      data-testid={`approval-${approval.replyId}`}
      onFocusCapture={props.onSelect}
    >
      <div className="thread-meta">
        <strong>{customer}</strong>
        {brandName ? <span className="badge">{brandName}</span> : null}
        <span className={approval.isDirectMessage ? 'badge badge-dm' : 'badge'}>
          {approval.isDirectMessage ? t('approvals.dm') : t('approvals.public')}
        </span>
        <span className="subtle">{t('approvals.waitingSince', { date: formatDate(approval.at) })}</span>
        <Link to={`/o/${organizationId}/inbox/all_open/c/${approval.conversationId}`}>
          {t('approvals.openConversation')}
        </Link>
      </div>
      <div className="approval-message">
        <span className="subtle">{t('approvals.answers')}</span>
        <p className="thread-text">{approval.inReplyToText || t('approvals.noMessage')}</p>
      </div>
      <div className="approval-reply">
        <span className="subtle">{t('approvals.replyBy', { author: approval.authorName })}</span>
        <p className="thread-text" data-testid="approval-text">
          {approval.text}
        </p>
      </div>
      <ErrorMessage error={error} />
      {editing === 'edit' ? (
        <ApprovalEditor
          approval={approval}
          pending={pending}
          onApprove={(text) => props.onApprove(text === approval.text ? undefined : text)}
          onCancel={() => props.onMode(null)}
        />
      ) : editing === 'reject' ? (
        <RejectForm
          approval={approval}
          pending={pending}
          onReject={props.onReject}
          onCancel={() => props.onMode(null)}
        />
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={pending}
            aria-label={t('approvals.approveOf', names)}
            onClick={() => props.onApprove()}
          >
            {t('approvals.approve')}
          </button>
          <button
            type="button"
            className="button"
            disabled={pending}
            aria-label={t('approvals.editOf', names)}
            onClick={() => props.onMode({ replyId: approval.replyId, kind: 'edit' })}
          >
            {t('approvals.edit')}
          </button>
          <button
            type="button"
            className="button button-danger-outline"
            disabled={pending}
            aria-label={t('approvals.rejectOf', names)}
            onClick={() => props.onMode({ replyId: approval.replyId, kind: 'reject' })}
          >
            {t('approvals.reject')}
          </button>
        </div>
      )}
    </li>
  );
}

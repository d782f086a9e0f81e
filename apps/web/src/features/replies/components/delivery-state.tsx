import type { ThreadItem } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ErrorMessage } from '@/components/error-message.tsx';
import { deliveryTime } from '../reply-time.ts';
import { useDeliveryActions } from '../use-delivery-actions.ts';
import { useReplyTools } from '../use-reply-tools.ts';

export type ReplyItem = Extract<ThreadItem, { kind: 'reply' }>;

const CHIP_CLASS: Partial<Record<ReplyItem['state'], string>> = {
  sent: 'badge badge-ok',
  failed: 'badge badge-danger',
  dead: 'badge badge-danger',
  rejected: 'badge badge-danger',
  awaiting_approval: 'badge badge-waiting',
};

/** The reply's delivery state as a chip: "Sent · 2:05 PM", "Failed · retrying at 2:05 PM · attempt 3"… */
export function DeliveryChip({ reply, timeZone }: { reply: ReplyItem; timeZone?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const time = (at: string) => deliveryTime(at, i18n.language, timeZone);
  const label = t(`conversation.delivery.${reply.state}`);
  let detail: string | null = null;
  if (reply.state === 'sent' && reply.sentAt) detail = time(reply.sentAt);
  if (reply.state === 'failed' && reply.nextAttemptAt) {
    detail = t('replies.delivery.retrying', { time: time(reply.nextAttemptAt), attempt: reply.attempts });
  }
  return (
    <span className={CHIP_CLASS[reply.state] ?? 'badge'} data-state={reply.state}>
      {detail ? `${label} · ${detail}` : label}
    </span>
  );
}

interface DeliveryDetailsProps {
  reply: ReplyItem;
  organizationId: string;
  conversationId: string;
  /** The author may cancel their own reply; managers any (the server decides either way). */
  mayCancel: boolean;
}

/**
 * Under a reply: the network's reason when it failed, the manager's review (a rejection's comment, an edit
 * before approval with the agent's original text), Retry for a dead reply and Cancel before it is sending.
 * Every text here comes from outside (the network, a person): rendered as text.
 */
export function DeliveryDetails({ reply, organizationId, conversationId, mayCancel }: DeliveryDetailsProps) {
  const { t } = useTranslation();
  const tools = useReplyTools();
  const actions = useDeliveryActions(organizationId, conversationId);
  const failing = reply.state === 'failed' || reply.state === 'dead';
  const cancelable = mayCancel && Boolean(tools?.CANCELABLE_STATES.includes(reply.state));
  const review = reply.review;
  return (
    <>
      {failing && reply.lastError ? (
        <p className="delivery-reason">{t('replies.delivery.reason', { reason: reply.lastError })}</p>
      ) : null}
      {review && reply.state === 'rejected' ? (
        <p className="delivery-review">
          {t('replies.delivery.rejectedBy', { name: review.byName })}
          {review.comment ? <q className="delivery-comment">{review.comment}</q> : null}
        </p>
      ) : null}
      {review && reply.state !== 'rejected' ? (
        <div className="delivery-review">
          {review.originalText !== null ? (
            <details>
              <summary>{t('replies.delivery.editedBy', { name: review.byName })}</summary>
              <p className="thread-text">
                <span className="subtle">{t('replies.delivery.original')} </span>
                {review.originalText}
              </p>
            </details>
          ) : (
            <span className="subtle">{t('replies.delivery.approvedBy', { name: review.byName })}</span>
          )}
        </div>
      ) : null}
      {reply.state === 'dead' || cancelable ? (
        <div className="delivery-actions">
          {reply.state === 'dead' ? (
            <button
              type="button"
              className="button button-small"
              disabled={actions.pending}
              onClick={() => actions.retry(reply.id)}
            >
              {t('replies.delivery.retry')}
            </button>
          ) : null}
          {cancelable ? (
            <button
              type="button"
              className="button button-small"
              disabled={actions.pending}
              onClick={() => actions.cancel(reply.id)}
            >
              {t('replies.delivery.cancel')}
            </button>
          ) : null}
        </div>
      ) : null}
      <ErrorMessage error={actions.error} />
    </>
  );
}

import type { ThreadItem } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { DeliveryChip, DeliveryDetails } from '@/features/replies/components/delivery-state.tsx';
import { useFormatDate } from '@/lib/format.ts';
import type { AgentOption } from '../types.ts';
import { RichText } from './rich-text.tsx';

interface ThreadProps {
  organizationId: string;
  conversationId: string;
  items: ThreadItem[];
  agents: AgentOption[];
  timeZone?: string | undefined;
  meUserId: string | undefined;
  /** Managers (and admins) may cancel anyone's reply; agents their own. */
  cancelsAny: boolean;
}

/**
 * The conversation as it happened: the customer's posts, the brand's replies with their delivery state (live)
 * and the team's internal notes.
 */
export function Thread({ organizationId, conversationId, items, agents, timeZone, meUserId, cancelsAny }: ThreadProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (items.length === 0) return <p className="muted">{t('conversation.thread.empty')}</p>;
  const nameOf = (userId: string) => agents.find((a) => a.userId === userId)?.name;

  return (
    <ol className="thread" aria-label={t('conversation.thread.label')}>
      {items.map((item) => {
        const time = (
          <time dateTime={item.at} className="subtle">
            {formatDate(item.at, { timeZone })}
          </time>
        );
        if (item.kind === 'mention') {
          const outbound = item.direction === 'outbound';
          return (
            <li key={item.id} className={outbound ? 'thread-item thread-outbound' : 'thread-item thread-inbound'}>
              <div className="thread-meta">
                <strong>{item.authorName}</strong>
                {item.authorUsername ? <span className="subtle"> @{item.authorUsername}</span> : null}
                {outbound ? <span className="badge">{t('conversation.thread.brandPost')}</span> : null}
                {time}
              </div>
              {item.deleted ? (
                <p className="thread-text muted">
                  <em>{t('conversation.thread.deleted')}</em>
                </p>
              ) : (
                <p className="thread-text">
                  <RichText text={item.text} />
                </p>
              )}
            </li>
          );
        }
        if (item.kind === 'reply') {
          return (
            <li key={item.id} className="thread-item thread-outbound">
              <div className="thread-meta">
                <strong>{item.authorName}</strong>
                <DeliveryChip reply={item} timeZone={timeZone} />
                {item.isDirectMessage ? <span className="badge">{t('conversation.thread.dm')}</span> : null}
                {time}
              </div>
              <p className="thread-text">
                <RichText text={item.text} />
              </p>
              <DeliveryDetails
                reply={item}
                organizationId={organizationId}
                conversationId={conversationId}
                mayCancel={cancelsAny || item.authorUserId === meUserId}
              />
            </li>
          );
        }
        const mentioned = item.mentionedUserIds.map(nameOf).filter((n): n is string => Boolean(n));
        // A rule's note: its author is the rule, never a person (no name of whoever set the rule up).
        const rule = item.automationRule;
        return (
          <li
            key={item.id}
            className={rule ? 'thread-item thread-note thread-automation' : 'thread-item thread-note'}
            aria-label={
              rule
                ? t('conversation.thread.noteByAutomation', { name: rule.name })
                : t('conversation.thread.noteBy', { name: item.authorName })
            }
          >
            <div className="thread-meta">
              <span className="badge">{t('conversation.thread.note')}</span>
              {rule ? (
                <strong className="thread-automation-author">
                  <span aria-hidden="true">⚙ </span>
                  {t('conversation.thread.automation', { name: rule.name })}
                </strong>
              ) : (
                <strong>{item.authorName}</strong>
              )}
              {time}
            </div>
            <p className="thread-text">
              <RichText text={item.text} mentionNames={mentioned} />
            </p>
          </li>
        );
      })}
    </ol>
  );
}
